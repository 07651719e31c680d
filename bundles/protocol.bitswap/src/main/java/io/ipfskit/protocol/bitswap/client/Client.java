package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.Presence;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.message.WireBlock;
import io.ipfskit.protocol.bitswap.net.Network;
import io.ipfskit.protocol.bitswap.net.PeerLink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Bitswap's client, as boxo's: sessions want blocks; a new want goes as want-block to the session's best peer (the one
 * expected to finish first by its measured throughput, within ~1 MiB outstanding), else it is broadcast as want-have to
 * every connected peer with an optimistic want-block to the most likely one (the content routing's rank). HAVE brings
 * a want-block, DONT_HAVE (or silence) moves on; an idle session re-broadcasts with back-off and, after the provider
 * search delay, asks the content routing for providers and dials them. A block is accepted only from a peer it was
 * asked of and only under the CID its bytes hash to; it is stored, then every future that wants it completes and the
 * other peers get a CANCEL. A peer that sends what it was not asked for is cut off. All state is guarded by this object.
 */
public final class Client implements AutoCloseable {

    /** Throughput assumed of a peer not measured yet (bytes per second). */
    private static final double UNMEASURED_THROUGHPUT = 1 << 20;
    /** How often the content routing's ranking of connected peers is refreshed at most. */
    private static final long RANKING_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    /** Hears of every block the client stored: the server answers peers that want it, the ledger counts it. */
    public interface StoredBlocks {
        /** {@code from} sent the block and it is stored now. */
        void stored(PeerId from, Cid cid, int size);
    }

    private final Host host;
    private final Blockstore store;
    private final Network network;
    private final Supplier<ContentRouting> routing;
    private final Executor workers;
    private final ClientSettings settings;
    private final StoredBlocks listener;
    private final ScheduledFuture<?> sweeper;
    private final Set<ClientSession> sessions = new LinkedHashSet<>();
    private final Map<Cid, Set<ClientSession>> wanting = new HashMap<>();
    private final Map<PeerId, PeerState> peers = new HashMap<>();
    private final AtomicLong blocksReceived = new AtomicLong();
    private final AtomicLong dataReceived = new AtomicLong();
    private final AtomicLong duplicateBlocks = new AtomicLong();
    private final AtomicLong duplicateData = new AtomicLong();
    private volatile List<PeerId> ranking = List.of();
    private volatile long rankedAt;
    private int searches;
    private int priority = Integer.MAX_VALUE;

    /** A client over the network, storing into {@code store}, searching providers through {@code routing} (may give null). */
    public Client(Host host, Blockstore store, Network network, Supplier<ContentRouting> routing, Executor workers,
            ScheduledExecutorService timer, ClientSettings settings, StoredBlocks listener) {
        this.host = host;
        this.store = store;
        this.network = network;
        this.routing = routing;
        this.workers = workers;
        this.settings = settings;
        this.listener = listener;
        long period = Math.max(20, Math.min(250, settings.dontHaveTimeout().toMillis() / 4));
        this.sweeper = timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    // ---- sessions ----------------------------------------------------------------------------------------------

    /** Opens a session; IllegalStateException when {@link ClientSettings#maxSessions()} are open. */
    public synchronized ExchangeSession newSession() {
        if (sessions.size() >= settings.maxSessions()) {
            throw new IllegalStateException("more than " + settings.maxSessions() + " bitswap sessions open");
        }
        ClientSession session = new ClientSession(this, System.nanoTime());
        sessions.add(session);
        return session;
    }

    CompletableFuture<byte[]> want(ClientSession s, Cid cid) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        Multihash multihash = cid.multihash();
        if (multihash.code() == Multicodec.IDENTITY) {
            future.complete(multihash.digest());
            return future;
        }
        if (!verifiable(multihash.code())) {
            future.completeExceptionally(new IllegalArgumentException("cannot verify blocks hashed with 0x"
                    + Integer.toHexString(multihash.code()) + ": " + cid));
            return future;
        }
        boolean fresh;
        synchronized (this) {
            if (s.closed) {
                future.completeExceptionally(new CancellationException("the session is closed"));
                return future;
            }
            if (s.futures >= settings.maxWantsPerSession()) {
                future.completeExceptionally(new IllegalStateException("a session may want at most "
                        + settings.maxWantsPerSession() + " blocks at once"));
                return future;
            }
            Want w = s.wants.get(cid);
            fresh = w == null;
            if (fresh) {
                w = new Want(cid, nextPriority());
                s.wants.put(cid, w);
                wanting.computeIfAbsent(cid, c -> new HashSet<>()).add(s);
            }
            w.futures.add(future);
            s.futures++;
        }
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                dropFuture(s, cid, future);
            }
        });
        if (fresh) {
            run(() -> checkLocal(s, cid));
        }
        return future;
    }

    /** A want starts with a local lookup: the block may have arrived since the caller looked. */
    private void checkLocal(ClientSession s, Cid cid) {
        byte[] local = null;
        try {
            local = store.get(cid).orElse(null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "local lookup of {0} failed: {1}", cid, e.toString());
        }
        if (local != null) {
            deliver(cid, local, null, null);
            return;
        }
        synchronized (this) {
            Want w = s.wants.get(cid);
            if (w != null && w.state == Want.State.CHECKING) {
                w.state = Want.State.READY;
                plan(s);
            }
        }
    }

    private synchronized void dropFuture(ClientSession s, Cid cid, CompletableFuture<byte[]> future) {
        Want w = s.wants.get(cid);
        if (w == null || !w.futures.remove(future)) {
            return;
        }
        s.futures--;
        if (w.futures.isEmpty()) {
            drop(s, w, null);
            plan(s);
        }
    }

    void close(ClientSession s) {
        List<CompletableFuture<byte[]>> cancelled = new ArrayList<>();
        synchronized (this) {
            if (s.closed) {
                return;
            }
            s.closed = true;
            sessions.remove(s);
            for (Want w : List.copyOf(s.wants.values())) {
                cancelled.addAll(w.futures);
                drop(s, w, null);
            }
        }
        cancelled.forEach(f -> f.completeExceptionally(new CancellationException("the bitswap session was closed")));
    }

    /** Removes a want from its session and releases what peers hold for it (CANCEL, or nothing to {@code answered}). */
    private void drop(ClientSession s, Want w, PeerId answered) {
        s.wants.remove(w.cid);
        s.futures -= w.futures.size();
        if (w.state == Want.State.LIVE) {
            s.live--;
        }
        Set<ClientSession> others = wanting.get(w.cid);
        if (others != null) {
            others.remove(s);
            if (others.isEmpty()) {
                wanting.remove(w.cid);
            }
        }
        for (PeerId p : w.asked) {
            release(p, w.cid, s, p.equals(answered));
        }
    }

    private void release(PeerId p, Cid cid, ClientSession s, boolean answered) {
        PeerState ps = peers.get(p);
        WireWant ww = ps == null ? null : ps.wire.get(cid);
        if (ww == null) {
            return;
        }
        ww.sessions.remove(s);
        if (!ww.sessions.isEmpty()) {
            return;
        }
        ps.wire.remove(cid);
        ps.released(cid);
        unexpect(ps, ww);
        PeerLink link = network.existingLink(p);
        if (link != null) {
            if (answered) {
                link.forget(cid);
            } else {
                link.cancel(cid);
            }
        }
    }

    private static void unexpect(PeerState ps, WireWant ww) {
        if (ww.expectBlock) {
            ww.expectBlock = false;
            ps.outstandingBytes -= ww.estimate;
            ps.outstandingBlocks--;
        }
    }

    // ---- deciding whom to ask ----------------------------------------------------------------------------------

    /** Makes waiting wants live, up to the session's bound, and finds each live want without a block peer one. */
    private void plan(ClientSession s) {
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
        for (Want w : s.wants.values()) {
            if (w.state != Want.State.LIVE || w.blockPeer != null) {
                continue;
            }
            PeerId target = bestPeer(s, w);
            if (target != null) {
                askBlock(s, w, target, now);
            } else if (!w.broadcast && !hasUsablePeer(s, w)) {
                broadcast(s, w, now);
            }
        }
    }

    /** The peer that would deliver soonest among those that have the block or served the session, with room. */
    private PeerId bestPeer(ClientSession s, Want w) {
        PeerId best = null;
        double soonest = Double.MAX_VALUE;
        for (PeerId p : candidates(s, w)) {
            PeerState ps = state(p);
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

    private boolean hasUsablePeer(ClientSession s, Want w) {
        return !candidates(s, w).isEmpty();
    }

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

    /** Want-have to every connected peer, and an optimistic want-block to the most likely one. */
    private void broadcast(ClientSession s, Want w, long now) {
        w.broadcast = true;
        PeerId optimistic = null;
        for (PeerId p : connectedRanked()) {
            if (!w.dontHaves.contains(p) && state(p).hasCapacity(s.estimate, settings)) {
                optimistic = p;
                break;
            }
        }
        if (optimistic != null) {
            askBlock(s, w, optimistic, now);
        }
        for (PeerId p : connectedRanked()) {
            if (!p.equals(optimistic) && !w.dontHaves.contains(p) && supportsHave(p)) {
                askHave(s, w, p, now);
            }
        }
    }

    private void askBlock(ClientSession s, Want w, PeerId p, long now) {
        PeerState ps = state(p);
        WireWant ww = ps.wire.computeIfAbsent(w.cid, c -> new WireWant());
        ww.sessions.add(s);
        w.blockPeer = p;
        w.asked.add(p);
        if (ww.type == WantType.BLOCK && ww.expectBlock) {
            return;
        }
        ww.type = WantType.BLOCK;
        ww.expectBlock = true;
        ww.estimate = s.estimate;
        ww.sentAt = now;
        ps.outstandingBytes += ww.estimate;
        ps.outstandingBlocks++;
        network.link(p).want(WantEntry.want(w.cid, w.priority, WantType.BLOCK, true));
    }

    private void askHave(ClientSession s, Want w, PeerId p, long now) {
        PeerState ps = state(p);
        WireWant ww = ps.wire.get(w.cid);
        if (ww == null) {
            if (ps.wire.size() >= settings.wantsPerPeer()) {
                return;
            }
            ww = new WireWant();
            ww.sentAt = now;
            ps.wire.put(w.cid, ww);
            network.link(p).want(WantEntry.want(w.cid, w.priority, WantType.HAVE, true));
        }
        ww.sessions.add(s);
        w.asked.add(p);
    }

    private boolean supportsHave(PeerId p) {
        PeerLink link = network.existingLink(p);
        Dialect dialect = link == null ? null : link.dialect();
        return dialect == null || dialect.presences();
    }

    /** The connected Bitswap peers, most likely first (the content routing's rank, else our own throughput). */
    private List<PeerId> connectedRanked() {
        Set<PeerId> connected = network.peers();
        List<PeerId> out = new ArrayList<>();
        for (PeerId p : ranking) {
            if (connected.contains(p)) {
                out.add(p);
            }
        }
        for (PeerId p : connected) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private void refreshRanking() {
        List<PeerId> connected = List.copyOf(network.peers());
        ContentRouting r = routing.get();
        List<PeerId> ranked;
        if (r != null) {
            try {
                ranked = r.rank(connected);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "ranking failed: {0}", e.toString());
                ranked = connected;
            }
        } else {
            Map<PeerId, Double> rates = new HashMap<>();
            synchronized (this) {
                connected.forEach(p -> rates.put(p, peers.containsKey(p) ? peers.get(p).throughput : 0.0));
            }
            ranked = connected.stream().sorted(Comparator.comparingDouble((PeerId p) -> rates.get(p)).reversed()).toList();
        }
        ranking = List.copyOf(ranked);
        rankedAt = System.nanoTime();
    }

    private PeerState state(PeerId p) {
        return peers.computeIfAbsent(p, PeerState::new);
    }

    private int nextPriority() {
        int value = priority;
        priority = priority == 1 ? Integer.MAX_VALUE : priority - 1;
        return value;
    }

    // ---- what peers send ---------------------------------------------------------------------------------------

    /** Blocks from a peer (on its worker, in order): verified, stored, delivered; a block not asked for cuts it off. */
    public void blocksReceived(PeerId from, List<WireBlock> blocks) {
        for (WireBlock block : blocks) {
            if (!receive(from, block)) {
                return;
            }
        }
    }

    private boolean receive(PeerId from, WireBlock block) {
        byte[] data = block.data();
        if (data.length > Blockstore.MAX_BLOCK_SIZE) {
            misbehaved(from, "sent a block of " + data.length + " bytes");
            return false;
        }
        Cid cid = identify(from, block);
        if (cid == null) {
            misbehaved(from, "sent a block it was not asked for, or one that does not match its CID");
            return false;
        }
        blocksReceived.incrementAndGet();
        dataReceived.addAndGet(data.length);
        boolean wanted;
        long sentAt = 0;
        synchronized (this) {
            wanted = wanting.containsKey(cid);
            PeerState ps = peers.get(from);
            WireWant ww = ps == null ? null : ps.wire.get(cid);
            if (ww != null) {
                sentAt = ww.sentAt;
                ps.arrived(data.length, sentAt, System.nanoTime());
            }
        }
        if (!wanted) {
            duplicateBlocks.incrementAndGet();
            duplicateData.addAndGet(data.length);
            return true;
        }
        try {
            store.put(cid, data);
        } catch (InvalidBlockException e) {
            misbehaved(from, "sent a block that does not match " + cid);
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot store block {0}: {1}", cid, e.toString());
            deliver(cid, null, from, e);
            return true;
        }
        ContentRouting r = routing.get();
        if (r != null && sentAt != 0) {
            r.recordSuccess(from, Duration.ofNanos(System.nanoTime() - sentAt), data.length);
        }
        listener.stored(from, cid, data.length);
        deliver(cid, data, from, null);
        return true;
    }

    /**
     * The CID of a received block as its bytes give it (hashed with the prefix's function; a 1.0.0 block with each
     * function of what we asked the peer for), if we asked the peer for it now or recently; otherwise null.
     */
    private Cid identify(PeerId from, WireBlock block) {
        if (block.prefix() != null) {
            Cid cid;
            try {
                cid = block.prefix().cidOf(block.data());
            } catch (IllegalArgumentException e) {
                return null;
            }
            synchronized (this) {
                PeerState ps = peers.get(from);
                if (ps == null) {
                    return null;
                }
                return ps.asked(cid) ? cid : ps.askedByMultihash(cid.multihash());
            }
        }
        Set<Integer> functions;
        synchronized (this) {
            PeerState ps = peers.get(from);
            functions = ps == null ? Set.of() : ps.hashFunctions();
        }
        for (int function : functions) {
            Multihash multihash;
            try {
                multihash = Multihash.compute(function, block.data());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                continue;
            }
            synchronized (this) {
                PeerState ps = peers.get(from);
                Cid cid = ps == null ? null : ps.askedByMultihash(multihash);
                if (cid != null) {
                    return cid;
                }
            }
        }
        return null;
    }

    /**
     * Completes every future wanting the CID (with the bytes, or with {@code failure}), releases the wants at every
     * peer (CANCEL, except to {@code from} who answered) and re-plans the sessions.
     */
    private void deliver(Cid cid, byte[] data, PeerId from, Throwable failure) {
        List<CompletableFuture<byte[]>> done = new ArrayList<>();
        synchronized (this) {
            Set<ClientSession> waiting = wanting.get(cid);
            if (waiting == null) {
                return;
            }
            long now = System.nanoTime();
            List<ClientSession> sessionsWaiting = List.copyOf(waiting);
            for (ClientSession s : sessionsWaiting) {
                Want w = s.wants.get(cid);
                if (w == null) {
                    continue;
                }
                done.addAll(w.futures);
                if (from != null && data != null) {
                    long elapsed = w.blockPeer != null && peers.containsKey(from) && peers.get(from).wire.containsKey(cid)
                            ? now - peers.get(from).wire.get(cid).sentAt : 0;
                    s.progressed(data.length, elapsed, now);
                    s.addPeer(from, settings.peersPerSession());
                }
                drop(s, w, from);
            }
            sessionsWaiting.forEach(this::plan);
        }
        for (CompletableFuture<byte[]> f : done) {
            if (failure == null) {
                f.complete(data);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }

    /** HAVE and DONT_HAVE from a peer, for wants it holds from us. */
    public void presencesReceived(PeerId from, List<Presence> presences) {
        synchronized (this) {
            PeerState ps = peers.get(from);
            if (ps == null) {
                return;
            }
            Set<ClientSession> affected = new LinkedHashSet<>();
            for (Presence presence : presences) {
                WireWant ww = ps.wire.get(presence.cid());
                if (ww == null) {
                    continue;
                }
                affected.addAll(ww.sessions);
                if (presence.have()) {
                    have(ps, presence.cid(), ww);
                } else {
                    dontHave(ps, presence.cid(), ww);
                }
            }
            affected.forEach(this::planOrSearch);
        }
    }

    private void have(PeerState ps, Cid cid, WireWant ww) {
        for (ClientSession s : ww.sessions) {
            Want w = s.wants.get(cid);
            if (w != null) {
                w.haves.add(ps.peer);
                w.dontHaves.remove(ps.peer);
                s.addPeer(ps.peer, settings.peersPerSession());
            }
        }
        if (ww.type == WantType.HAVE) {
            ps.wire.remove(cid);
            ps.released(cid);
            for (ClientSession s : ww.sessions) {
                Want w = s.wants.get(cid);
                if (w != null) {
                    w.asked.remove(ps.peer);
                }
            }
            PeerLink link = network.existingLink(ps.peer);
            if (link != null) {
                link.forget(cid);
            }
        }
    }

    private void dontHave(PeerState ps, Cid cid, WireWant ww) {
        unexpect(ps, ww);
        for (ClientSession s : ww.sessions) {
            Want w = s.wants.get(cid);
            if (w != null) {
                w.dontHaves.add(ps.peer);
                w.haves.remove(ps.peer);
                if (ps.peer.equals(w.blockPeer)) {
                    w.blockPeer = null;
                }
            }
        }
    }

    /** Re-plans the session and, when some live want has nobody left to ask, searches providers for it. */
    private void planOrSearch(ClientSession s) {
        plan(s);
        for (Want w : s.wants.values()) {
            if (w.state == Want.State.LIVE && w.blockPeer == null && !hasUsablePeer(s, w) && exhausted(w)) {
                search(s, w.cid);
                return;
            }
        }
    }

    /** Every connected peer that was asked said no. */
    private boolean exhausted(Want w) {
        for (PeerId p : connectedRanked()) {
            if (!w.dontHaves.contains(p)) {
                return false;
            }
        }
        return true;
    }

    // ---- peers coming and going --------------------------------------------------------------------------------

    /** A peer connected: it gets the want-haves of wants nobody has answered yet. */
    public void peerConnected(PeerId p) {
        synchronized (this) {
            long now = System.nanoTime();
            for (ClientSession s : sessions) {
                for (Want w : s.wants.values()) {
                    if (w.state == Want.State.LIVE && w.broadcast && w.blockPeer == null && w.haves.isEmpty()
                            && network.mayServe(p) && supportsHave(p)) {
                        askHave(s, w, p, now);
                    }
                }
            }
        }
        refreshRanking();
    }

    /** A peer went away (or our stream to it broke): what it was asked for goes to others. */
    public void peerGone(PeerId p) {
        boolean failed;
        synchronized (this) {
            PeerState ps = peers.remove(p);
            failed = ps != null && ps.outstandingBlocks > 0;
            Set<ClientSession> affected = new LinkedHashSet<>();
            if (ps != null) {
                for (Map.Entry<Cid, WireWant> e : ps.wire.entrySet()) {
                    for (ClientSession s : e.getValue().sessions) {
                        Want w = s.wants.get(e.getKey());
                        if (w != null) {
                            w.asked.remove(p);
                            w.haves.remove(p);
                            if (p.equals(w.blockPeer)) {
                                w.blockPeer = null;
                            }
                            affected.add(s);
                        }
                    }
                }
            }
            for (ClientSession s : sessions) {
                if (s.peers.remove(p)) {
                    affected.add(s);
                }
            }
            affected.forEach(this::planOrSearch);
        }
        if (failed) {
            ContentRouting r = routing.get();
            if (r != null) {
                r.recordFailure(p);
            }
        }
        refreshRanking();
    }

    private void misbehaved(PeerId p, String reason) {
        network.cutOff(p, reason);
        ContentRouting r = routing.get();
        if (r != null) {
            r.recordMisbehaviour(p, reason);
        }
    }

    // ---- time ----------------------------------------------------------------------------------------------------

    /** Periodic: unanswered want-blocks time out into DONT_HAVE, idle sessions tick. */
    private void sweep() {
        try {
            Set<PeerId> failed = new HashSet<>();
            synchronized (this) {
                long now = System.nanoTime();
                long timeout = settings.dontHaveTimeout().toNanos();
                for (PeerState ps : List.copyOf(peers.values())) {
                    if (ps.outstandingBlocks == 0) {
                        continue;
                    }
                    Set<ClientSession> affected = new LinkedHashSet<>();
                    for (Map.Entry<Cid, WireWant> e : ps.wire.entrySet()) {
                        WireWant ww = e.getValue();
                        if (ww.expectBlock && now - Math.max(ww.sentAt, ps.lastArrival) > timeout) {
                            dontHave(ps, e.getKey(), ww);
                            affected.addAll(ww.sessions);
                            failed.add(ps.peer);
                        }
                    }
                    affected.forEach(this::planOrSearch);
                }
                for (ClientSession s : List.copyOf(sessions)) {
                    if (s.live > 0 && now >= s.nextTick) {
                        tick(s, now);
                    }
                }
            }
            ContentRouting r = routing.get();
            if (r != null) {
                failed.forEach(r::recordFailure);
            }
            if (System.nanoTime() - rankedAt > RANKING_REFRESH_NANOS) {
                refreshRanking();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "bitswap client sweep failed", e);
        }
    }

    /** An idle session re-broadcasts to peers not asked yet and, on its first idle tick, searches providers. */
    private void tick(ClientSession s, long now) {
        long delay = tickDelay(s);
        if (now - s.lastProgress < delay) {
            s.nextTick = s.lastProgress + delay;
            return;
        }
        Want first = null;
        for (Want w : s.wants.values()) {
            if (w.state != Want.State.LIVE || w.blockPeer != null) {
                continue;
            }
            if (first == null) {
                first = w;
            }
            w.broadcast = true;
            boolean triedBlock = false;
            for (PeerId p : connectedRanked()) {
                if (w.asked.contains(p) || w.dontHaves.contains(p)) {
                    continue;
                }
                if (supportsHave(p)) {
                    askHave(s, w, p, now);
                } else if (!triedBlock && state(p).hasCapacity(s.estimate, settings)) {
                    askBlock(s, w, p, now);
                    triedBlock = true;
                }
            }
        }
        if (first != null && (s.idleTicks == 0 || delay >= settings.maxTickDelay().toNanos())) {
            search(s, first.cid);
        }
        s.idleTicks++;
        s.nextTick = now + tickDelay(s);
    }

    private long tickDelay(ClientSession s) {
        long base = s.latency == 0 ? settings.providerSearchDelay().toNanos()
                : settings.baseTickDelay().toNanos() + 3 * s.latency;
        return Math.min(settings.maxTickDelay().toNanos(), base * (1 + s.idleTicks));
    }

    // ---- providers -----------------------------------------------------------------------------------------------

    /** Asks the content routing for providers of the CID and dials them (one search per session at a time). */
    private void search(ClientSession s, Cid cid) {
        ContentRouting r = routing.get();
        long now = System.nanoTime();
        if (r == null || s.searching || searches >= settings.concurrentSearches()
                || (s.lastSearch != 0 && now - s.lastSearch < settings.providerSearchDelay().toNanos())) {
            return;
        }
        s.searching = true;
        s.lastSearch = now;
        searches++;
        run(() -> r.findProviders(cid, settings.providersPerSearch(), info -> run(() -> provider(s, info, r)))
                .toCompletableFuture().orTimeout(settings.searchTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> {
                    synchronized (this) {
                        s.searching = false;
                        searches--;
                    }
                }));
    }

    private void provider(ClientSession s, PeerInfo info, ContentRouting r) {
        PeerId p = info.peerId();
        if (p.equals(host.peerId())) {
            return;
        }
        if (network.isConnected(p)) {
            adopt(s, p);
            return;
        }
        host.connect(p, info.addresses()).whenComplete((connection, error) -> {
            if (error != null) {
                r.recordFailure(p);
            } else {
                run(() -> adopt(s, p));
            }
        });
    }

    /** A provider joins the session's peers: its wants go to it as want-blocks. */
    private synchronized void adopt(ClientSession s, PeerId p) {
        if (s.closed) {
            return;
        }
        s.addPeer(p, settings.peersPerSession());
        for (Want w : s.wants.values()) {
            w.dontHaves.remove(p);
        }
        plan(s);
    }

    // ---- admin and lifecycle -------------------------------------------------------------------------------------

    /** Every CID some session wants now. */
    public synchronized List<Cid> wantlist() {
        return List.copyOf(wanting.keySet());
    }

    /** Blocks received (duplicates included), their bytes, and the duplicates and their bytes. */
    public long[] received() {
        return new long[] {blocksReceived.get(), dataReceived.get(), duplicateBlocks.get(), duplicateData.get()};
    }

    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "bitswap is stopping; task dropped");
        }
    }

    private static boolean verifiable(int function) {
        try {
            Multihash.compute(function, new byte[0]);
            return true;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Closes every session (failing their futures) and stops the timer task. */
    @Override
    public void close() {
        sweeper.cancel(false);
        List<ClientSession> open;
        synchronized (this) {
            open = List.copyOf(sessions);
        }
        open.forEach(this::close);
    }
}
