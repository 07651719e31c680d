package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code block/stat}: a stored block's CID and size. */
@Component(property = RpcCommand.NAME + "=block/stat")
public final class BlockStatCommand implements RpcCommand {

    private final Blockstore blockstore;

    /** The command over the node's blockstore. */
    @Activate
    public BlockStatCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid cid = Args.cid(request.argument(0, "cid"));
        int size = blockstore.size(cid).orElseThrow(() -> RpcException.notFound("block not found: " + cid));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("Key", cid.toString());
        reply.put("Size", size);
        response.json(reply);
    }
}
