package io.ipfskit.api.net;

import io.ipfskit.multiformats.PeerId;
import java.util.concurrent.CompletionStage;

/** Asks a peer who it is with {@code /ipfs/id/1.0.0}; the answer is also stored in the host's peerstore. */
public interface Identify {

    /** Runs identify against the peer (connecting if needed) and completes with what the peerstore then holds. */
    CompletionStage<PeerData> identify(PeerId peer);
}
