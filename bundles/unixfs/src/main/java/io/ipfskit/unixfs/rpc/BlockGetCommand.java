package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code block/get}: the raw bytes of one block. */
@Component(property = RpcCommand.NAME + "=block/get")
public final class BlockGetCommand implements RpcCommand {

    private final Blockstore blockstore;

    /** The command over the node's blockstore. */
    @Activate
    public BlockGetCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid cid = Args.cid(request.argument(0, "cid"));
        byte[] data = blockstore.get(cid).orElseThrow(() -> RpcException.notFound("block not found: " + cid));
        try (OutputStream out = response.bytes("application/octet-stream")) {
            out.write(data);
        }
    }
}
