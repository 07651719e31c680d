package io.ipfskit.relay;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** AutoNAT's dial-back: reaches the peer on one of its addresses on a fresh connection and proves it answers there. */
interface DialBack {

    /** Completes with the first address on which the peer answered, or fails when none did within the timeout. */
    CompletionStage<Multiaddr> dial(PeerId peer, List<Multiaddr> addresses, Duration timeout);
}
