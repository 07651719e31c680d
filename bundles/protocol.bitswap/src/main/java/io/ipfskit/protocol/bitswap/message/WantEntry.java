package io.ipfskit.protocol.bitswap.message;

import io.ipfskit.multiformats.Cid;
import java.util.Objects;

/** One want-list entry: the CID, its priority (higher first), whether it cancels, the type wanted, and whether to say DONT_HAVE. */
public record WantEntry(Cid cid, int priority, boolean cancel, WantType type, boolean sendDontHave) {

    /** Checks that the CID and type are present. */
    public WantEntry {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(type, "type");
    }

    /** A want of the given type. */
    public static WantEntry want(Cid cid, int priority, WantType type, boolean sendDontHave) {
        return new WantEntry(cid, priority, false, type, sendDontHave);
    }

    /** A cancel of whatever was wanted. */
    public static WantEntry cancel(Cid cid) {
        return new WantEntry(cid, 0, true, WantType.BLOCK, false);
    }
}
