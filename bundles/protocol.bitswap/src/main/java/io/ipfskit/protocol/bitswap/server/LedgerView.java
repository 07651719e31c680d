package io.ipfskit.protocol.bitswap.server;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.List;

/** A copy of one peer's ledger: block bytes sent and received, blocks exchanged, and what it wants from us now. */
public record LedgerView(PeerId peer, long sent, long received, long exchanged, List<Cid> wants) {

    /** Copies the want list so the record stays immutable. */
    public LedgerView {
        wants = List.copyOf(wants);
    }

    /** kubo's debt ratio: bytes sent over bytes received plus one. */
    public double value() {
        return (double) sent / (received + 1);
    }
}
