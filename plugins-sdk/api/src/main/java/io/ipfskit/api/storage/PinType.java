package io.ipfskit.api.storage;

/** How a block is pinned: as a root alone, as a root with its whole DAG, or as a block inside a recursive pin's DAG. */
public enum PinType {
    /** Only the pinned block. */
    DIRECT,
    /** The pinned block and every block reachable through its links. */
    RECURSIVE,
    /** Not a root, but reachable from a recursive pin (reported, never pinned as such). */
    INDIRECT
}
