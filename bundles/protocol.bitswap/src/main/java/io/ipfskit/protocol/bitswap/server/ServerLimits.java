package io.ipfskit.protocol.bitswap.server;

import io.ipfskit.api.node.NodeRole;

/**
 * What the server gives: the most want-list entries a peer may hold (more cuts it off), answers built at once, bytes
 * read for answers not yet handed to their streams, and the size an answer aims at (boxo: 16 KiB) unless one block is
 * larger.
 */
public record ServerLimits(int maxWantlistEntries, int concurrency, long maxBytesInFlight, int targetMessageBytes) {

    /** boxo's per-peer want-list bound. */
    public static final int MAX_WANTLIST_ENTRIES = 1024;
    /** boxo's target message size. */
    public static final int TARGET_MESSAGE_BYTES = 16 * 1024;

    /** Checks the values are positive. */
    public ServerLimits {
        if (maxWantlistEntries < 1 || concurrency < 1 || maxBytesInFlight < 1 || targetMessageBytes < 1) {
            throw new IllegalArgumentException("server limits must be positive");
        }
    }

    /** The limits of a role: a master serves most, a leecher least. */
    public static ServerLimits of(NodeRole role) {
        return switch (role) {
            case MASTER -> new ServerLimits(MAX_WANTLIST_ENTRIES, 8, 64L << 20, TARGET_MESSAGE_BYTES);
            case WORKER -> new ServerLimits(MAX_WANTLIST_ENTRIES, 4, 32L << 20, TARGET_MESSAGE_BYTES);
            case LEECHER -> new ServerLimits(MAX_WANTLIST_ENTRIES, 1, 8L << 20, TARGET_MESSAGE_BYTES);
        };
    }
}
