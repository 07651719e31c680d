package io.ipfskit.protocol.bitswap.server;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the server knows of one peer: its current wants, the answers owed, and the bytes exchanged; guarded by the engine. */
final class Ledger {

    final PeerId peer;
    final Map<Cid, WantEntry> wants = new LinkedHashMap<>();
    final PeerTasks tasks = new PeerTasks();
    long bytesSent;
    long bytesReceived;
    long exchanged;
    /** An answer to the peer is being built: the next waits for it, so answers reach the link in order. */
    boolean building;
    /** Bytes of answers built or being built for the peer and not yet handed to its stream. */
    long inFlight;

    Ledger(PeerId peer) {
        this.peer = peer;
    }

    LedgerView view() {
        return new LedgerView(peer, bytesSent, bytesReceived, exchanged, java.util.List.copyOf(wants.keySet()));
    }
}
