package io.ipfskit.codec.ipld;

import java.io.IOException;

/**
 * dag-cbor (the IPLD spec): encoding is canonical (shortest integers and lengths, definite lengths, map keys sorted by
 * length then bytes, 64-bit floats, links as tag 42 over {@code 0x00} + the binary CID); decoding refuses what the
 * data model cannot hold (other tags, non-string keys, duplicate keys, undefined and other simple values, NaN and
 * infinities, indefinite lengths, trailing bytes) and accepts the spec's relaxations (non-minimal integers and
 * lengths, unsorted keys, 16- and 32-bit floats).
 */
public final class DagCbor {

    /** The deepest nesting of lists and maps a decoded block may have. */
    public static final int MAX_DEPTH = 512;

    private DagCbor() {
    }

    /** The canonical bytes of a data-model value; {@link IllegalArgumentException} for anything outside the model. */
    public static byte[] encode(Object value) {
        return new CborWriter().write(value).toByteArray();
    }

    /** The data-model value of one block; {@link IOException} naming what is wrong when it is not dag-cbor. */
    public static Object decode(byte[] block) throws IOException {
        return new CborReader(block, MAX_DEPTH).readWhole();
    }
}
