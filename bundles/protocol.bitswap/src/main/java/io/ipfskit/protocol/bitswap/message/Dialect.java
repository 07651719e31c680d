package io.ipfskit.protocol.bitswap.message;

import java.util.Arrays;

/**
 * The Bitswap protocol ids, newest first, and what each can carry: blocks with CID prefixes from 1.1.0, want-have and
 * HAVE/DONT_HAVE from 1.2.0; {@code /ipfs/bitswap} is 1.0.0 under its first name.
 */
public enum Dialect {
    /** Want-have, block presences and blocks with CID prefixes. */
    V120("/ipfs/bitswap/1.2.0"),
    /** Blocks with CID prefixes (any CID version); want-block only. */
    V110("/ipfs/bitswap/1.1.0"),
    /** Plain blocks; want-block only. */
    V100("/ipfs/bitswap/1.0.0"),
    /** 1.0.0 under its original protocol id. */
    LEGACY("/ipfs/bitswap");

    private final String protocolId;

    Dialect(String protocolId) {
        this.protocolId = protocolId;
    }

    /** The libp2p protocol id. */
    public String protocolId() {
        return protocolId;
    }

    /** Whether blocks travel with their CID prefix ({@code payload}) rather than as plain bytes ({@code blocks}). */
    public boolean payloads() {
        return this == V120 || this == V110;
    }

    /** Whether want-have, sendDontHave and HAVE/DONT_HAVE exist. */
    public boolean presences() {
        return this == V120;
    }

    /** The dialect of a protocol id; throws IllegalArgumentException for another protocol. */
    public static Dialect of(String protocolId) {
        return Arrays.stream(values()).filter(d -> d.protocolId.equals(protocolId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a bitswap protocol: " + protocolId));
    }
}
