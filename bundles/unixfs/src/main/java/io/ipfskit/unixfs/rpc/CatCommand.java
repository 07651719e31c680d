package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.Exporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.ipfskit.unixfs.SessionBlocks;

/**
 * RPC {@code cat}: streams a UnixFS file's bytes, from {@code offset} for {@code length} bytes when given, fetching
 * what the node lacks.
 */
@Component(property = RpcCommand.NAME + "=cat")
public final class CatCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public CatCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        try (SessionBlocks session = blocks.open(request)) {
            cat(new Exporter(session), request, response);
        }
    }

    private static void cat(Exporter exporter, RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid cid = Args.resolve(exporter, request.argument(0, "ipfs-path"));
        long offset = request.number("offset", 0, 0, Long.MAX_VALUE);
        long length = request.number("length", -1, -1, Long.MAX_VALUE);
        InputStream in;
        try {
            in = exporter.cat(cid, offset, length);
        } catch (NoSuchElementException e) {
            throw RpcException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw RpcException.client(e.getMessage());
        }
        try (in; OutputStream out = response.bytes("text/plain")) {
            in.transferTo(out);
        }
    }
}
