package io.ipfskit.codec.ipld;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Blocks of any codec this bundle reads as data-model values (dag-pb as its IPLD form {@code {Data, Links: [{Hash,
 * Name, Tsize}]}}, raw as bytes), and values written in the codecs that can hold any of them (dag-cbor, dag-json).
 */
public final class Codecs {

    private Codecs() {
    }

    /** Whether {@link #encode} writes this codec. */
    public static boolean encodes(long codec) {
        return codec == Multicodec.DAG_CBOR || codec == Multicodec.DAG_JSON;
    }

    /** The value a block of the codec holds; {@link IOException} for a bad block or a codec not known here. */
    public static Object decode(long codec, byte[] block) throws IOException {
        if (codec == Multicodec.DAG_CBOR) {
            return DagCbor.decode(block);
        } else if (codec == Multicodec.DAG_JSON) {
            return DagJson.decode(block);
        } else if (codec == Multicodec.RAW) {
            return block.clone();
        } else if (codec == Multicodec.DAG_PB) {
            try {
                return dagPb(DagPb.decode(block));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        throw new IOException("no decoder for codec 0x" + Long.toHexString(codec));
    }

    /** The value in the codec ({@link #encodes} must hold); {@link IllegalArgumentException} for a value outside the model. */
    public static byte[] encode(long codec, Object value) {
        if (codec == Multicodec.DAG_CBOR) {
            return DagCbor.encode(value);
        } else if (codec == Multicodec.DAG_JSON) {
            return DagJson.encode(value);
        }
        throw new IllegalArgumentException("no encoder for codec 0x" + Long.toHexString(codec));
    }

    /** Every link in the value, in order (maps in their iteration order: a decoded block's, its encoded order). */
    public static void links(Object value, Consumer<Cid> link) {
        if (value instanceof Cid cid) {
            link.accept(cid);
        } else if (value instanceof List<?> list) {
            list.forEach(element -> links(element, link));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(element -> links(element, link));
        }
    }

    /** A dag-pb node as the data model sees it: Data only when present, Name and Tsize only when present. */
    private static Map<String, Object> dagPb(PbNode node) {
        List<Object> links = new ArrayList<>(node.links().size());
        for (PbLink link : node.links()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Hash", link.hash());
            if (link.name() != null) {
                entry.put("Name", link.name());
            }
            if (link.tsize() >= 0) {
                entry.put("Tsize", link.tsize());
            }
            links.add(entry);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (node.data() != null) {
            map.put("Data", node.data());
        }
        map.put("Links", links);
        return map;
    }
}
