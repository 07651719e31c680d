package io.ipfskit.unixfs.internal;

import io.ipfskit.unixfs.UnixfsData;

/**
 * The dag-pb block of a leaf without links, written straight into one array of its exact size (the chunk copied once):
 * the same bytes as {@code DagPb.encode} of a node whose Data is the UnixFS message {@code Type, Data, filesize}.
 */
final class LeafBlock {

    private static final int PB_DATA = 1 << 3 | 2;
    private static final int TYPE = 1 << 3;
    private static final int DATA = 2 << 3 | 2;
    private static final int FILESIZE = 3 << 3;

    private LeafBlock() {
    }

    /** The leaf's block: the chunk (absent when empty) as the Data of a UnixFS node of the type, with its size. */
    static byte[] encode(UnixfsData.Type type, byte[] chunk) {
        int n = chunk.length;
        int unixfs = 1 + size(type.ordinal()) + (n == 0 ? 0 : 1 + size(n) + n) + 1 + size(n);
        byte[] block = new byte[1 + size(unixfs) + unixfs];
        int at = put(block, 0, PB_DATA);
        at = put(block, at, unixfs);
        at = put(block, at, TYPE);
        at = put(block, at, type.ordinal());
        if (n > 0) {
            at = put(block, at, DATA);
            at = put(block, at, n);
            System.arraycopy(chunk, 0, block, at, n);
            at += n;
        }
        at = put(block, at, FILESIZE);
        put(block, at, n);
        return block;
    }

    private static int size(long value) {
        int bytes = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            bytes++;
        }
        return bytes;
    }

    private static int put(byte[] block, int at, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            block[at++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        block[at++] = (byte) v;
        return at;
    }
}
