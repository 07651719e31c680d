package io.ipfskit.api.net;

import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Measures the round trip to a peer with {@code /ipfs/ping/1.0.0}. */
public interface Ping {

    /** Sends one ping to the peer (connecting if needed) and completes with the round-trip time. */
    CompletionStage<Duration> ping(PeerId peer);
}
