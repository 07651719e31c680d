package io.ipfskit.unixfs.car;

import io.ipfskit.codec.ipld.DagCbor;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The CAR v1 header in its one canonical dag-cbor shape, {@code {"roots": [CID...], "version": 1}}, and the CAR v2
 * pragma {@code {"version": 2}}; decoding accepts exactly these shapes, canonically encoded.
 */
final class CarHeader {

    /** The 11 bytes that open every CAR v2 file (a v1-style header of length 10 saying version 2). */
    static final byte[] V2_PRAGMA = {0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x02};

    /** Most roots accepted in a header. */
    static final int MAX_ROOTS = 1024;

    private CarHeader() {
    }

    /** Whether header bytes are the v2 pragma's body. */
    static boolean isV2Pragma(byte[] header) {
        return Arrays.equals(header, 0, header.length, V2_PRAGMA, 1, V2_PRAGMA.length);
    }

    /** Encodes a v1 header as canonical dag-cbor. */
    static byte[] encode(List<Cid> roots) {
        return DagCbor.encode(Map.of("roots", roots, "version", 1L));
    }

    /** Decodes a v1 header's roots; throws {@link CarException} for any other shape or a non-canonical encoding. */
    static List<Cid> decode(byte[] header) throws CarException {
        Object value;
        try {
            value = DagCbor.decode(header);
        } catch (IOException e) {
            throw new CarException("CAR header: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map) || map.size() != 2 || !Long.valueOf(1).equals(map.get("version"))
                || !(map.get("roots") instanceof List<?> roots) || !roots.stream().allMatch(Cid.class::isInstance)) {
            throw new CarException("CAR header: not {\"roots\": [CID...], \"version\": 1}");
        }
        if (roots.size() > MAX_ROOTS) {
            throw new CarException("CAR header lists " + roots.size() + " roots, more than " + MAX_ROOTS);
        }
        if (!Arrays.equals(DagCbor.encode(map), header)) {
            throw new CarException("CAR header: not canonical dag-cbor");
        }
        return roots.stream().map(Cid.class::cast).toList();
    }
}
