package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.ipfskit.unixfs.SessionBlocks;

/** RPC {@code block/stat}: a block's CID and size (fetched when the node lacks it). */
@Component(property = RpcCommand.NAME + "=block/stat")
public final class BlockStatCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public BlockStatCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid cid = Args.cid(request.argument(0, "cid"));
        int size;
        try (SessionBlocks session = blocks.open(request)) {
            size = session.get(cid).orElseThrow(() -> RpcException.notFound("block not found: " + cid)).length;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("Key", cid.toString());
        reply.put("Size", size);
        response.json(reply);
    }
}
