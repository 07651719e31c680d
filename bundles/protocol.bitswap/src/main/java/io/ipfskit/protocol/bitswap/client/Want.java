package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One CID a session wants: its futures, and what each peer was asked and answered; guarded by the client. */
final class Want {

    /** Where the want is: being looked up locally, waiting for a live slot, or on the wire. */
    enum State { CHECKING, READY, LIVE }

    final Cid cid;
    final int priority;
    final List<CompletableFuture<byte[]>> futures = new ArrayList<>(1);
    State state = State.CHECKING;
    /** The peer asked for the block now, or null. */
    PeerId blockPeer;
    /** Peers holding a want for it from this session. */
    final Set<PeerId> asked = new HashSet<>();
    final Set<PeerId> haves = new HashSet<>();
    final Set<PeerId> dontHaves = new HashSet<>();
    /** Whether it was broadcast to the connected peers. */
    boolean broadcast;
    /** Whether the session's peers were asked whether they have it (once, when it first went on the wire). */
    boolean peersAsked;
    /** Whether a peer sent it and it is being stored: nobody is asked for it any more, its futures wait for the store. */
    boolean arrived;

    Want(Cid cid, int priority) {
        this.cid = cid;
        this.priority = priority;
    }
}
