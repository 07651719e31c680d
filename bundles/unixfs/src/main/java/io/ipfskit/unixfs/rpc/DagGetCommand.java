package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.codec.ipld.Codecs;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.SessionBlocks;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * RPC {@code dag/get?arg=CID[/path]}: the node at the path, encoded in {@code output-codec} (kubo's default dag-json,
 * or dag-cbor). The path walks the data model (map keys, list indexes; dag-pb as {@code Data} and {@code Links}) and
 * follows links into the blocks they name, fetched when the node lacks them.
 */
@Component(property = RpcCommand.NAME + "=dag/get")
public final class DagGetCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public DagGetCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        String output = request.option("output-codec").orElse("dag-json");
        long outputCodec = Args.codec("output-codec", output);
        if (!Codecs.encodes(outputCodec)) {
            throw RpcException.client("output-codec " + output + " cannot hold every node: use dag-json or dag-cbor");
        }
        String path = request.argument(0, "ref");
        String bare = path.startsWith("/ipfs/") ? path.substring(6) : path;
        List<String> segments = List.of(bare.split("/", -1)).stream().filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            throw RpcException.client("argument \"ref\" is required");
        }
        Object node;
        try (SessionBlocks session = blocks.open(request)) {
            node = walk(session, load(session, Args.cid(segments.get(0))), segments.subList(1, segments.size()), path);
        }
        byte[] encoded = Codecs.encode(outputCodec, node);
        try (OutputStream out = response.bytes(outputCodec == Multicodec.DAG_JSON
                ? "application/json" : "application/cbor")) {
            out.write(encoded);
        }
    }

    /** The value at the segments below the node, loading the block of every link the walk passes through. */
    private static Object walk(SessionBlocks session, Object node, List<String> segments, String path)
            throws RpcException, IOException {
        Object at = node;
        for (String segment : segments) {
            if (at instanceof Cid link) {
                at = load(session, link);
            }
            if (at instanceof Map<?, ?> map && map.containsKey(segment)) {
                at = map.get(segment);
            } else if (at instanceof List<?> list && segment.matches("\\d{1,9}") && Integer.parseInt(segment) < list.size()) {
                at = list.get(Integer.parseInt(segment));
            } else {
                throw RpcException.notFound("no link named \"" + segment + "\" in " + path);
            }
        }
        return at;
    }

    private static Object load(SessionBlocks session, Cid cid) throws RpcException, IOException {
        byte[] block = session.get(cid).orElseThrow(() -> RpcException.notFound("block not found: " + cid));
        try {
            return Codecs.decode(cid.codec(), block);
        } catch (IOException e) {
            throw RpcException.client("cannot decode " + cid + ": " + e.getMessage());
        }
    }
}
