package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.http.support.Multipart;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * RPC {@code dag/put}: stores the first multipart file as one block already encoded in {@code store-codec} (kubo's
 * default dag-cbor; {@code input-codec} must name the same codec, as kubo-rpc-client sends it: no transcoding), after
 * the codec's {@link LinkWalker} has read it; answers kubo's {@code {"Cid":{"/":CID}}}.
 */
@Component(property = RpcCommand.NAME + "=dag/put")
public final class DagPutCommand implements RpcCommand {

    private final Blockstore blockstore;
    private final List<LinkWalker> walkers = new CopyOnWriteArrayList<>();

    /** The command over the node's blockstore. */
    @Activate
    public DagPutCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    /** A codec's link walker, which must read a block before it is stored. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addWalker(LinkWalker walker) {
        walkers.add(walker);
    }

    void removeWalker(LinkWalker walker) {
        walkers.remove(walker);
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        String store = request.option("store-codec").orElse("dag-cbor");
        String input = request.option("input-codec").orElse("dag-json");
        if (!store.equals(input)) {
            throw RpcException.client("input-codec " + input + " differs from store-codec " + store
                    + ": converting between codecs is not supported");
        }
        if (!request.option("hash").orElse("sha2-256").equals("sha2-256")) {
            throw RpcException.client("only hash sha2-256 is supported");
        }
        long codec = Args.codec("store-codec", store);
        LinkWalker walker = walkers.stream().filter(w -> w.codec() == codec).findFirst()
                .orElseThrow(() -> RpcException.client("no codec " + store + " is installed"));
        Multipart.Part part = new Multipart(request.body(), request.contentType()).next();
        if (part == null) {
            throw RpcException.client("argument \"object data\" is required");
        }
        byte[] data = part.body().readNBytes(DagPb.MAX_BLOCK_SIZE + 1);
        if (data.length > DagPb.MAX_BLOCK_SIZE) {
            throw RpcException.client("block is larger than " + DagPb.MAX_BLOCK_SIZE + " bytes");
        }
        try {
            walker.links(data, link -> { });
        } catch (IOException e) {
            throw RpcException.client("not a valid " + store + " block: " + e.getMessage());
        }
        Cid cid = Cid.v1(codec, Multihash.sha256(data));
        blockstore.put(cid, data);
        response.json(Map.of("Cid", Map.of("/", cid.toString())));
    }
}
