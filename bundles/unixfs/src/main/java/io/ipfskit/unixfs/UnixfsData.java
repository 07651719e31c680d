package io.ipfskit.unixfs;

import io.ipfskit.codec.protobuf.ProtoReader;
import io.ipfskit.codec.protobuf.ProtoWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The UnixFS Data message carried in a dag-pb node's Data: type, inline bytes ({@code null} when absent), file size
 * ({@code -1} when absent), the file sizes of the children, and HAMT parameters ({@code -1} when absent).
 */
public record UnixfsData(Type type, byte[] data, long filesize, List<Long> blocksizes, long hashType, long fanout) {

    /** Most children one node may declare, bounding what untrusted bytes can make us allocate. */
    public static final int MAX_BLOCKSIZES = 65536;

    /** The UnixFS node types with their wire numbers. */
    public enum Type {
        /** Legacy raw data leaf. */
        RAW,
        /** A directory whose links are its entries. */
        DIRECTORY,
        /** A file: inline data and/or links to its chunks. */
        FILE,
        /** Legacy metadata node. */
        METADATA,
        /** A symbolic link whose data is the target path. */
        SYMLINK,
        /** One node of a HAMT-sharded directory. */
        HAMT_SHARD
    }

    /** Copies the size list so the record stays immutable. */
    public UnixfsData {
        blocksizes = List.copyOf(blocksizes);
    }

    /** A file node as kubo writes it: data when given, file size always, then the children's sizes. */
    public static UnixfsData file(byte[] data, long filesize, List<Long> blocksizes) {
        return new UnixfsData(Type.FILE, data, filesize, blocksizes, -1, -1);
    }

    /** A plain directory node. */
    public static UnixfsData directory() {
        return new UnixfsData(Type.DIRECTORY, null, -1, List.of(), -1, -1);
    }

    /** Encodes the fields present in field-number order, as kubo does. */
    public byte[] encode() {
        ProtoWriter out = new ProtoWriter().uint64(1, type.ordinal());
        if (data != null) {
            out.bytes(2, data);
        }
        if (filesize >= 0) {
            out.uint64(3, filesize);
        }
        for (long size : blocksizes) {
            out.uint64(4, size);
        }
        if (hashType >= 0) {
            out.uint64(5, hashType);
        }
        if (fanout >= 0) {
            out.uint64(6, fanout);
        }
        return out.toByteArray();
    }

    /** Decodes a Data message (mode and mtime are accepted and ignored); throws {@link IllegalArgumentException}. */
    public static UnixfsData decode(byte[] bytes) {
        ProtoReader in = new ProtoReader(bytes);
        Type type = null;
        byte[] data = null;
        long filesize = -1;
        long hashType = -1;
        long fanout = -1;
        List<Long> blocksizes = new ArrayList<>();
        while (in.hasMore()) {
            int key = in.key();
            switch (key) {
                case 1 << 3 -> type = type(in.varint());
                case 2 << 3 | 2 -> data = in.bytes();
                case 3 << 3 -> filesize = unsigned(in.varint());
                case 4 << 3 -> addSize(blocksizes, in.varint());
                case 4 << 3 | 2 -> {
                    ProtoReader packed = in.message();
                    while (packed.hasMore()) {
                        addSize(blocksizes, packed.varint());
                    }
                }
                case 5 << 3 -> hashType = unsigned(in.varint());
                case 6 << 3 -> fanout = unsigned(in.varint());
                default -> in.skip(key & 7);
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("unixfs: Data without Type");
        }
        return new UnixfsData(type, data, filesize, blocksizes, hashType, fanout);
    }

    private static Type type(long number) {
        if (number < 0 || number >= Type.values().length) {
            throw new IllegalArgumentException("unixfs: unknown Type " + number);
        }
        return Type.values()[(int) number];
    }

    private static long unsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("unixfs: size exceeds 2^63-1");
        }
        return value;
    }

    private static void addSize(List<Long> sizes, long size) {
        if (sizes.size() >= MAX_BLOCKSIZES) {
            throw new IllegalArgumentException("unixfs: more than " + MAX_BLOCKSIZES + " blocksizes");
        }
        sizes.add(unsigned(size));
    }
}
