package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.ipfskit.unixfs.SessionBlocks;

/** RPC {@code block/get}: the raw bytes of one block, fetched when the node lacks it. */
@Component(property = RpcCommand.NAME + "=block/get")
public final class BlockGetCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public BlockGetCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid cid = Args.cid(request.argument(0, "cid"));
        byte[] data;
        try (SessionBlocks session = blocks.open(request)) {
            data = session.get(cid).orElseThrow(() -> RpcException.notFound("block not found: " + cid));
        }
        try (OutputStream out = response.bytes("application/octet-stream")) {
            out.write(data);
        }
    }
}
