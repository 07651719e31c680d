package io.ipfskit.api.storage;

/** How a pin protects content from garbage collection: the root block alone, or the whole DAG below it. */
public enum PinType {
    /** Only the pinned block. */
    DIRECT,
    /** The pinned block and every block reachable through its links. */
    RECURSIVE
}
