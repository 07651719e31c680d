package io.ipfskit.protocol.bitswap.message;

import io.ipfskit.multiformats.Cid;
import java.util.Objects;

/** A block presence: the sender has the block (HAVE, wire value 0) or does not (DONT_HAVE, wire value 1). */
public record Presence(Cid cid, boolean have) {

    /** Checks that the CID is present. */
    public Presence {
        Objects.requireNonNull(cid, "cid");
    }
}
