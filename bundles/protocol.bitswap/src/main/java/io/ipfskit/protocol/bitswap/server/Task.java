package io.ipfskit.protocol.bitswap.server;

import io.ipfskit.multiformats.Cid;

/** One answer owed to a peer: the block, a HAVE or a DONT_HAVE for a CID, with the want's priority and its size in an answer. */
record Task(Cid cid, Kind kind, int priority, int size, boolean sendDontHave, long seq) {

    /** What the answer is. */
    enum Kind {
        /** The block's bytes. */
        BLOCK,
        /** A HAVE presence. */
        HAVE,
        /** A DONT_HAVE presence. */
        DONT_HAVE
    }

    /** The bytes a presence takes in a message (its CID and a few bytes of framing). */
    static int presenceSize(Cid cid) {
        return cid.bytes().length + 4;
    }
}
