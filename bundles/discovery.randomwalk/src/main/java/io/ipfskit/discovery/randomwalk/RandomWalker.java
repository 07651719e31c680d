package io.ipfskit.discovery.randomwalk;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.KademliaDht;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.multiformats.PeerId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One walk at a time: a DHT lookup of a random peer-id-shaped key (a SHA-256 multihash of random bytes, as go's
 * refresh sends), reporting each peer met on the way (named in an answer, with addresses) and each of the closest that
 * answered, once per walk, at most {@link #MAX_REPORTS} per walk. A walk asked for while one runs is skipped.
 */
final class RandomWalker {

    /** Peers one walk reports at most. */
    static final int MAX_REPORTS = 1000;

    private final KademliaDht dht;
    private final RandomGenerator random;
    private final Consumer<PeerInfo> report;
    private final AtomicBoolean walking = new AtomicBoolean();
    private volatile CompletableFuture<List<PeerInfo>> current;

    RandomWalker(KademliaDht dht, RandomGenerator random, Consumer<PeerInfo> report) {
        this.dht = dht;
        this.random = random;
        this.report = report;
    }

    /** Walks; completes with the number of peers reported, or -1 when a walk was already running. */
    CompletionStage<Integer> walk() {
        if (!walking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(-1);
        }
        Set<PeerId> reported = new HashSet<>();
        QueryListener met = event -> {
            if (event.type() == QueryEventType.PEER_RESPONSE) {
                reportNew(event.responses(), reported);
            }
        };
        CompletionStage<List<PeerInfo>> lookup;
        try {
            lookup = dht.closestPeers(randomKey(), met);
            current = lookup.toCompletableFuture();
        } catch (RuntimeException e) {
            walking.set(false);
            return CompletableFuture.failedFuture(e);
        }
        return lookup.handle((closest, failure) -> {
            walking.set(false);
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            reportNew(closest, reported);
            synchronized (reported) {
                return reported.size();
            }
        });
    }

    private void reportNew(List<PeerInfo> peers, Set<PeerId> reported) {
        for (PeerInfo peer : peers) {
            boolean fresh;
            synchronized (reported) {
                fresh = !peer.addresses().isEmpty() && reported.size() < MAX_REPORTS && reported.add(peer.peerId());
            }
            if (fresh) {
                report.accept(peer);
            }
        }
    }

    /** Ends the walk under way, if any (the DHT stops its lookup). */
    void cancel() {
        CompletableFuture<List<PeerInfo>> walk = current;
        if (walk != null) {
            walk.cancel(true);
        }
    }

    /** A 34-byte SHA-256 multihash of random bytes. */
    private byte[] randomKey() {
        byte[] key = new byte[34];
        key[0] = 0x12;
        key[1] = 0x20;
        for (int i = 2; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        return key;
    }
}
