package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code repo/stat}: blocks, their bytes and the storage maximum, in kubo's field names. */
@Component(property = RpcCommand.NAME + "=repo/stat")
public final class RepoStatCommand implements RpcCommand {

    private final Pinning pinning;
    private final Node node;

    /** The command over the node's pins (which count the store) and its repository. */
    @Activate
    public RepoStatCommand(@Reference Pinning pinning, @Reference Node node) {
        this.pinning = pinning;
        this.node = node;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        RepoStat stat = pinning.stat();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("RepoSize", stat.repoSize());
        reply.put("StorageMax", stat.storageMax());
        reply.put("NumObjects", stat.numObjects());
        reply.put("RepoPath", node.repo().toString());
        reply.put("Version", "ipfs-kit-repo@1");
        response.json(reply);
    }
}
