package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.protocol.bitswap.message.WantType;
import java.util.HashSet;
import java.util.Set;

/** A want one peer holds from us: its type, the sessions behind it, and whether a block is expected; guarded by the client. */
final class WireWant {

    WantType type = WantType.HAVE;
    final Set<ClientSession> sessions = new HashSet<>();
    /** When the current type was sent (nanoTime). */
    long sentAt;
    /** A want-block not yet answered by DONT_HAVE or a timeout: counted in the peer's outstanding bytes. */
    boolean expectBlock;
    /** The block size assumed when it was counted. */
    int estimate;
}
