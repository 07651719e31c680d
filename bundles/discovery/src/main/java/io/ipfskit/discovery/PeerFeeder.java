package io.ipfskit.discovery;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Turns what the discovery strategies report into dials: a reported peer waits (at most {@code maxCandidates}, the
 * oldest dropped first) until the node has fewer connections than its target, then is dialled, at most
 * {@code maxDialsInFlight} at once, oldest report first. Peers already connected, being dialled, ourselves or backing
 * off after a failed dial are skipped. Thread-safe; dials are started from the executor.
 */
final class PeerFeeder {

    private static final System.Logger LOG = System.getLogger(PeerFeeder.class.getName());

    /** What the feeder needs of the host. */
    interface Network {
        /** This node. */
        PeerId self();

        /** The peers connected now. */
        Set<PeerId> connectedPeers();

        /** Dials the peer; completes when connected, exceptionally when the dial failed. */
        CompletionStage<?> dial(PeerInfo peer);
    }

    private record Candidate(String source, PeerInfo info) {
    }

    private final Network network;
    private final FeederLimits limits;
    private final LongSupplier nanoClock;
    private final Executor executor;
    private final Backoff backoff;
    private final Map<PeerId, Candidate> candidates;
    private final Set<PeerId> dialling = new HashSet<>();
    private final Map<String, SourceStats> stats = new TreeMap<>();
    private boolean closed;

    PeerFeeder(Network network, FeederLimits limits, LongSupplier nanoClock, Executor executor) {
        this.network = network;
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.executor = executor;
        this.backoff = new Backoff(limits.initialBackoff(), limits.maxBackoff(), limits.backoffCapacity());
        this.candidates = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PeerId, Candidate> eldest) {
                return size() > limits.maxCandidates();
            }
        };
    }

    /** A strategy reported a peer: it waits for its turn unless it is us, backing off or being dialled. */
    void offer(String source, PeerInfo info) {
        synchronized (this) {
            if (closed) {
                return;
            }
            count(source, 1, 0, 0, 0);
            PeerId peer = info.peerId();
            if (peer.equals(network.self()) || dialling.contains(peer) || backoff.backingOff(peer, nanoClock.getAsLong())) {
                return;
            }
            candidates.remove(peer);
            candidates.put(peer, new Candidate(source, info));
        }
        wake();
    }

    /** A strategy left: what it reported and is still waiting is dropped. */
    synchronized void forget(String source) {
        candidates.values().removeIf(c -> c.source.equals(source));
    }

    /** Dials waiting peers while the node is below its connection target. */
    private void pump() {
        Set<PeerId> connected = network.connectedPeers();
        List<Candidate> toDial = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            int room = Math.min(limits.maxDialsInFlight() - dialling.size(),
                    limits.targetConnections() - connected.size() - dialling.size());
            long now = nanoClock.getAsLong();
            Iterator<Candidate> waiting = candidates.values().iterator();
            while (room > 0 && waiting.hasNext()) {
                Candidate next = waiting.next();
                waiting.remove();
                PeerId peer = next.info.peerId();
                if (connected.contains(peer) || backoff.backingOff(peer, now)) {
                    continue;
                }
                dialling.add(peer);
                count(next.source, 0, 1, 0, 0);
                toDial.add(next);
                room--;
            }
        }
        for (Candidate candidate : toDial) {
            CompletionStage<?> dial;
            try {
                dial = network.dial(candidate.info);
            } catch (RuntimeException e) {
                finished(candidate, false);
                continue;
            }
            dial.whenComplete((connection, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.DEBUG, "dial of {0} reported by {1} failed: {2}",
                            candidate.info.peerId(), candidate.source, failure.toString());
                }
                finished(candidate, failure == null);
            });
        }
    }

    private void finished(Candidate candidate, boolean connected) {
        synchronized (this) {
            PeerId peer = candidate.info.peerId();
            dialling.remove(peer);
            if (connected) {
                backoff.succeeded(peer);
                count(candidate.source, 0, 0, 1, 0);
            } else {
                backoff.failed(peer, nanoClock.getAsLong());
                count(candidate.source, 0, 0, 0, 1);
            }
        }
        wake();
    }

    /** Dials waiting peers soon, from the executor (when a connection closed, or a report came). */
    void wake() {
        try {
            executor.execute(this::pump);
        } catch (RejectedExecutionException e) {
            // closing: nothing more is dialled
        }
    }

    private void count(String source, long found, long dialled, long connected, long failed) {
        stats.merge(source, SourceStats.NONE.plus(found, dialled, connected, failed),
                (a, b) -> a.plus(b.found(), b.dialled(), b.connected(), b.failed()));
    }

    /** Stops dialling; reports still arriving are ignored. */
    synchronized void close() {
        closed = true;
        candidates.clear();
    }

    /** Per strategy what it found and what came of it. */
    synchronized Map<String, SourceStats> stats() {
        return new TreeMap<>(stats);
    }

    /** Peers waiting to be dialled, being dialled, and backing off (remembered). */
    synchronized int[] queues() {
        return new int[] {candidates.size(), dialling.size(), backoff.size()};
    }
}
