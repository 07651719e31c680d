package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code repo/gc}: removes every unpinned block and streams {@code {"Key":{"/":cid}}} per removed block, as kubo. */
@Component(property = RpcCommand.NAME + "=repo/gc")
public final class RepoGcCommand implements RpcCommand {

    private final Pinning pinning;

    /** The command over the node's pins. */
    @Activate
    public RepoGcCommand(@Reference Pinning pinning) {
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        boolean quiet = request.flag("quiet", false);
        GcResult result = pinning.gc();
        RpcResponse.JsonStream out = response.jsonStream();
        if (!quiet) {
            for (Multihash key : result.removed()) {
                out.send(Map.of("Key", Map.of("/", Cid.v1(Multicodec.RAW, key).toString())));
            }
        }
    }
}
