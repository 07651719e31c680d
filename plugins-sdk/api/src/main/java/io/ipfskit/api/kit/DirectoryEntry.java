package io.ipfskit.api.kit;

import io.ipfskit.multiformats.Cid;

/** One named node as {@code ipfs ls} shows it: its name, CID, type, and size (file bytes; 0 for a directory). */
public record DirectoryEntry(String name, Cid cid, long size, Type type) {

    /** What a UnixFS node is. */
    public enum Type {
        /** A file (dag-pb file DAG or a raw block). */
        FILE,
        /** A directory, plain or HAMT-sharded. */
        DIRECTORY,
        /** A symbolic link; its size is the length of its target. */
        SYMLINK
    }
}
