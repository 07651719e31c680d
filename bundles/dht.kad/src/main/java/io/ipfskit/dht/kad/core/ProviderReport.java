package io.ipfskit.dht.kad.core;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.PeerId;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Hands the providers one search finds to its consumer, each once and one call at a time, up to the limit; tells the
 * hop counter the depth of the answer that brought the first one.
 */
final class ProviderReport {

    private final int limit;
    private final Consumer<PeerInfo> consumer;
    private final IntConsumer hops;
    private final Set<PeerId> reported = new HashSet<>();

    ProviderReport(int limit, Consumer<PeerInfo> consumer, IntConsumer hops) {
        this.limit = limit;
        this.consumer = consumer;
        this.hops = hops;
    }

    /** Reports the provider unless it was reported or the limit reached; true once the limit is reached. */
    synchronized boolean report(PeerInfo provider, int depth) {
        if (reported.size() < limit && reported.add(provider.peerId())) {
            if (reported.size() == 1) {
                hops.accept(depth);
            }
            consumer.accept(provider);
        }
        return reported.size() >= limit;
    }

    /** Whether the limit is reached. */
    synchronized boolean full() {
        return reported.size() >= limit;
    }

    /** Whether any provider was reported. */
    synchronized boolean any() {
        return !reported.isEmpty();
    }
}
