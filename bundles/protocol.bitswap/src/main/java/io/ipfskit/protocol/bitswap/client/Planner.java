package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.net.Network;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Decides whom to ask, as boxo's session: a live want goes as want-block to the candidate (a peer that said HAVE, or a
 * peer of the session) expected to deliver soonest within its outstanding bytes, and as want-have to the session's
 * other peers; with no candidate it is broadcast as want-have to every connected peer plus an optimistic want-block to
 * the most likely one; a want that waits because every candidate is busy goes as want-have to the connected peers
 * outside the session (how further providers join it). No want-block goes out while the client's received blocks wait
 * for storage beyond its bound. Guarded by the client, except the ranking refresh.
 */
final class Planner {

    /** Throughput assumed of a peer not measured yet (bytes per second). */
    private static final double UNMEASURED_THROUGHPUT = 1 << 20;

    private static final System.Logger LOG = System.getLogger(Planner.class.getName());

    private final Network network;
    private final Wire wire;
    private final ClientSettings settings;
    private final Supplier<ContentRouting> routing;
    private final BooleanSupplier storageFull;
    private final Object rankingLock = new Object();
    private volatile List<PeerId> ranking = List.of();
    private volatile long rankedAt;

    Planner(Network network, Wire wire, ClientSettings settings, Supplier<ContentRouting> routing,
            BooleanSupplier storageFull) {
        this.network = network;
        this.wire = wire;
        this.settings = settings;
        this.routing = routing;
        this.storageFull = storageFull;
    }

    /** Makes waiting wants live, up to the session's bound, and finds each live want without a block peer one. */
    void plan(ClientSession s) {
        if (s.closed) {
            return;
        }
        long now = System.nanoTime();
        for (Want w : s.wants.values()) {
            if (s.live >= settings.liveWantsPerSession()) {
                break;
            }
            if (w.state == Want.State.READY) {
                if (s.live == 0) {
                    s.lastProgress = now;
                    s.nextTick = now + tickDelay(s);
                }
                w.state = Want.State.LIVE;
                s.live++;
            }
        }
        boolean blocks = !storageFull.getAsBoolean();
        for (Want w : s.wants.values()) {
            if (w.state != Want.State.LIVE || w.arrived) {
                continue;
            }
            if (w.blockPeer == null) {
                PeerId target = blocks ? bestPeer(s, w) : null;
                if (target != null) {
                    wire.askBlock(s, w, target, now);
                } else if (!w.broadcast && candidates(s, w).isEmpty()) {
                    broadcast(s, w, now, blocks);
                } else if (!w.broadcast) {
                    discover(s, w, now);
                }
            }
            if (!w.peersAsked && s.peers.size() > 1) {
                w.peersAsked = true;
                for (PeerId p : s.peers) {
                    askHave(s, w, p, now);
                }
            }
        }
    }

    /** A peer joined the session: it is asked whether it has each of the session's live wants. */
    void joined(ClientSession s, PeerId p) {
        long now = System.nanoTime();
        for (Want w : s.wants.values()) {
            if (w.state == Want.State.LIVE && !w.arrived) {
                askHave(s, w, p, now);
            }
        }
    }

    private void askHave(ClientSession s, Want w, PeerId p, long now) {
        if (!w.asked.contains(p) && !w.dontHaves.contains(p) && network.mayServe(p) && wire.supportsHave(p)) {
            wire.askHave(s, w, p, now);
        }
    }

    /** The first live want nobody is left to ask for (every connected peer said no), or null. */
    Want stranded(ClientSession s) {
        for (Want w : s.wants.values()) {
            if (w.state == Want.State.LIVE && !w.arrived && w.blockPeer == null && candidates(s, w).isEmpty()
                    && w.dontHaves.containsAll(connectedRanked())) {
                return w;
            }
        }
        return null;
    }

    /** An idle tick: live wants nobody answered go to connected peers not asked yet (want-block to old versions). */
    void rebroadcast(ClientSession s, long now) {
        List<PeerId> connected = connectedRanked();
        boolean blocks = !storageFull.getAsBoolean();
        for (Want w : s.wants.values()) {
            if (w.state != Want.State.LIVE || w.arrived || w.blockPeer != null) {
                continue;
            }
            w.broadcast = true;
            boolean blockAsked = !blocks;
            for (PeerId p : connected) {
                if (w.asked.contains(p) || w.dontHaves.contains(p)) {
                    continue;
                }
                if (wire.supportsHave(p)) {
                    wire.askHave(s, w, p, now);
                } else if (!blockAsked && wire.state(p).hasCapacity(s.estimate, settings)) {
                    wire.askBlock(s, w, p, now);
                    blockAsked = true;
                }
            }
        }
    }

    /** The idle tick: the search delay until latency is known, then 500 ms + 3 latencies; times 1 + idle ticks. */
    long tickDelay(ClientSession s) {
        long base = s.latency == 0 ? settings.providerSearchDelay().toNanos()
                : settings.baseTickDelay().toNanos() + 3 * s.latency;
        return Math.min(settings.maxTickDelay().toNanos(), base * (1 + s.idleTicks));
    }

    private PeerId bestPeer(ClientSession s, Want w) {
        PeerId best = null;
        double soonest = Double.MAX_VALUE;
        for (PeerId p : candidates(s, w)) {
            PeerState ps = wire.state(p);
            if (!ps.hasCapacity(s.estimate, settings)) {
                continue;
            }
            double finish = ps.expectedFinish(s.estimate, UNMEASURED_THROUGHPUT);
            if (finish < soonest) {
                soonest = finish;
                best = p;
            }
        }
        return best;
    }

    /** Peers that said HAVE, then peers that served the session; none that said DONT_HAVE or cannot serve. */
    private List<PeerId> candidates(ClientSession s, Want w) {
        List<PeerId> out = new ArrayList<>();
        for (PeerId p : w.haves) {
            if (!w.dontHaves.contains(p) && network.mayServe(p)) {
                out.add(p);
            }
        }
        for (PeerId p : s.peers) {
            if (!w.haves.contains(p) && !w.dontHaves.contains(p) && network.mayServe(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private void broadcast(ClientSession s, Want w, long now, boolean blocks) {
        w.broadcast = true;
        List<PeerId> connected = connectedRanked();
        PeerId optimistic = null;
        for (PeerId p : connected) {
            if (blocks && !w.dontHaves.contains(p) && wire.state(p).hasCapacity(s.estimate, settings)) {
                optimistic = p;
                break;
            }
        }
        if (optimistic != null) {
            wire.askBlock(s, w, optimistic, now);
        }
        for (PeerId p : connected) {
            if (!p.equals(optimistic) && !w.dontHaves.contains(p) && wire.supportsHave(p)) {
                wire.askHave(s, w, p, now);
            }
        }
    }

    /**
     * Every peer of the session is busy (or storage is full) while the want waits: it goes as want-have to the connected
     * peers outside the session that said DONT_HAVE to none of its wants, so providers the first answers missed join
     * the session (a HAVE brings them in) and share the load.
     */
    private void discover(ClientSession s, Want w, long now) {
        w.broadcast = true;
        for (PeerId p : connectedRanked()) {
            if (!s.peers.contains(p) && !s.lacking.contains(p)) {
                askHave(s, w, p, now);
            }
        }
    }

    /** The connected Bitswap peers, most likely first (the content routing's rank, else our measured throughput). */
    List<PeerId> connectedRanked() {
        Set<PeerId> connected = network.peers();
        Set<PeerId> out = new LinkedHashSet<>();
        for (PeerId p : ranking) {
            if (connected.contains(p)) {
                out.add(p);
            }
        }
        out.addAll(connected);
        return List.copyOf(out);
    }

    /** Whether the ranking is older than {@code nanos}. */
    boolean rankingOlderThan(long nanos) {
        return System.nanoTime() - rankedAt > nanos;
    }

    /**
     * Ranks the connected peers again; called without the client's lock (the routing is another service). Refreshes run
     * one at a time, each reading the peers when its turn comes, so an older view never replaces a newer one.
     */
    void refreshRanking(Object lock) {
        synchronized (rankingLock) {
            List<PeerId> connected = List.copyOf(network.peers());
            ContentRouting r = routing.get();
            List<PeerId> ranked = connected;
            if (r != null) {
                try {
                    ranked = r.rank(connected);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "ranking failed: {0}", e.toString());
                }
            } else {
                Map<PeerId, Double> rates = new HashMap<>();
                synchronized (lock) {
                    connected.forEach(p -> rates.put(p, wire.get(p) == null ? 0.0 : wire.get(p).throughput));
                }
                ranked = connected.stream().sorted(Comparator.comparingDouble((PeerId p) -> rates.get(p)).reversed())
                        .toList();
            }
            ranking = List.copyOf(ranked);
            rankedAt = System.nanoTime();
        }
    }
}
