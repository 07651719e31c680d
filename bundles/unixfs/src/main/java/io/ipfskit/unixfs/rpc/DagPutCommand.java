package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.ipld.Codecs;
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
 * RPC {@code dag/put}: decodes the first multipart file in {@code input-codec} (kubo's default dag-json) and stores it
 * as one block encoded in {@code store-codec} (kubo's default dag-cbor), transcoding between dag-json and dag-cbor as
 * kubo does (so equal data gives kubo's CID); raw and dag-pb are stored as given, after the codec's
 * {@link LinkWalker} has read them. Answers kubo's {@code {"Cid":{"/":CID}}}.
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
        if (!request.option("hash").orElse("sha2-256").equals("sha2-256")) {
            throw RpcException.client("only hash sha2-256 is supported");
        }
        long codec = Args.codec("store-codec", store);
        long inputCodec = Args.codec("input-codec", input);
        Multipart.Part part = new Multipart(request.body(), request.contentType()).next();
        if (part == null) {
            throw RpcException.client("argument \"object data\" is required");
        }
        byte[] given = part.body().readNBytes(DagPb.MAX_BLOCK_SIZE + 1);
        if (given.length > DagPb.MAX_BLOCK_SIZE) {
            throw RpcException.client("block is larger than " + DagPb.MAX_BLOCK_SIZE + " bytes");
        }
        byte[] data = Codecs.encodes(codec) && Codecs.encodes(inputCodec) ? transcode(given, input, inputCodec, codec)
                : checked(given, input, inputCodec, store, codec);
        if (data.length > DagPb.MAX_BLOCK_SIZE) {
            throw RpcException.client("the " + store + " block is larger than " + DagPb.MAX_BLOCK_SIZE + " bytes");
        }
        Cid cid = Cid.v1(codec, Multihash.sha256(data));
        blockstore.put(cid, data);
        response.json(Map.of("Cid", Map.of("/", cid.toString())));
    }

    /** The input decoded as its codec and encoded in the store's. */
    private static byte[] transcode(byte[] given, String input, long inputCodec, long codec) throws RpcException {
        try {
            return Codecs.encode(codec, Codecs.decode(inputCodec, given));
        } catch (IOException e) {
            throw RpcException.client("not a valid " + input + " object: " + e.getMessage());
        }
    }

    /** A block stored as given: the codecs must be one, whose link walker reads it. */
    private byte[] checked(byte[] given, String input, long inputCodec, String store, long codec) throws RpcException {
        if (inputCodec != codec) {
            throw RpcException.client("cannot convert " + input + " to " + store
                    + ": only dag-json and dag-cbor convert into each other");
        }
        LinkWalker walker = walkers.stream().filter(w -> w.codec() == codec).findFirst()
                .orElseThrow(() -> RpcException.client("no codec " + store + " is installed"));
        try {
            walker.links(given, link -> { });
        } catch (IOException e) {
            throw RpcException.client("not a valid " + store + " block: " + e.getMessage());
        }
        return given;
    }
}
