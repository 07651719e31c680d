package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.http.support.Multipart;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code block/put}: stores the first multipart file as one block (CIDv1, {@code cid-codec} raw by default). */
@Component(property = RpcCommand.NAME + "=block/put")
public final class BlockPutCommand implements RpcCommand {

    private final Blockstore blockstore;

    /** The command over the node's blockstore. */
    @Activate
    public BlockPutCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        long codec = Args.codec("cid-codec", request.option("cid-codec").orElse("raw"));
        if (!request.option("mhtype").orElse("sha2-256").equals("sha2-256")) {
            throw RpcException.client("only mhtype sha2-256 is supported");
        }
        Multipart.Part part = new Multipart(request.body(), request.contentType()).next();
        if (part == null) {
            throw RpcException.client("argument \"data\" is required");
        }
        byte[] data = part.body().readNBytes(DagPb.MAX_BLOCK_SIZE + 1);
        if (data.length > DagPb.MAX_BLOCK_SIZE) {
            throw RpcException.client("block is larger than " + DagPb.MAX_BLOCK_SIZE + " bytes");
        }
        VerifiedBlock block = VerifiedBlock.hash(1, codec, data);
        blockstore.put(block);
        Cid cid = block.cid();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("Key", cid.toString());
        reply.put("Size", data.length);
        response.json(reply);
    }
}
