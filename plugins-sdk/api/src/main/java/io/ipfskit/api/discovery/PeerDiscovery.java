package io.ipfskit.api.discovery;

import java.util.function.Consumer;

/** A way of finding peers (mDNS, bootstrap list, DHT random walk, pubsub): reports what it finds while subscribed. */
public interface PeerDiscovery {

    /** Service property naming the strategy, e.g. {@code mdns}. */
    String NAME = "ipfskit.discovery.name";

    /** Starts reporting discovered peers to the listener; closing the result stops it. */
    AutoCloseable subscribe(Consumer<PeerInfo> listener);
}
