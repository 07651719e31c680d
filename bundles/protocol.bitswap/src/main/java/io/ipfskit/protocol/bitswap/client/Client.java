package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.Presence;
import io.ipfskit.protocol.bitswap.message.WireBlock;
import io.ipfskit.protocol.bitswap.net.Network;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * Bitswap's client, as boxo's: sessions want blocks and the {@link Planner} decides whom to ask; HAVE brings a
 * want-block (and the peer into the session, even when the block came from another peer first), DONT_HAVE (or silence)
 * moves on; an idle session re-broadcasts with back-off and, after the provider search delay, searches providers and
 * dials them. A block is accepted only from a peer it was asked of and only under the CID its bytes hash to; on arrival
 * every peer asked for it gets a CANCEL and the sessions ask for their next blocks, then it is stored on the storage
 * executor (several blocks at once, at most {@link #MAX_STORING_BYTES} waiting) and only then every future that wants
 * it completes. A peer that sends what it was not asked for is cut off. Client state is guarded by this object; what
 * one operation decides for a peer goes out in one message ({@link Wire#flush}) at the end of the operation.
 */
public final class Client implements AutoCloseable {

    /** Bytes of received blocks waiting to be stored beyond which no want-block goes out. */
    public static final long MAX_STORING_BYTES = 32L << 20;
    /** How often the ranking of connected peers is refreshed at most. */
    private static final long RANKING_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    /** Hears of every block the client stored: the server answers peers that want it, the ledger counts it. */
    public interface StoredBlocks {
        /** {@code from} sent the block and it is stored now. */
        void stored(PeerId from, Cid cid, int size);
    }

    private final Blockstore store;
    private final Network network;
    private final Supplier<ContentRouting> routing;
    private final Executor workers;
    private final Executor storage;
    private final ClientSettings settings;
    private final StoredBlocks listener;
    private final Wire wire;
    private final Planner planner;
    private final ProviderSearch providers;
    private final ScheduledFuture<?> sweeper;
    private final Set<ClientSession> sessions = new LinkedHashSet<>();
    private final Map<Cid, Set<ClientSession>> wanting = new HashMap<>();
    /** Blocks received and being stored, and their bytes. */
    private final Set<Cid> storing = new HashSet<>();
    private long storingBytes;
    private final AtomicLong blocksReceived = new AtomicLong();
    private final AtomicLong dataReceived = new AtomicLong();
    private final AtomicLong duplicateBlocks = new AtomicLong();
    private final AtomicLong duplicateData = new AtomicLong();
    private int priority = Integer.MAX_VALUE;

    /**
     * A client over the network, storing into {@code store} on {@code storage}, searching providers through
     * {@code routing} (may give null).
     */
    public Client(Host host, Blockstore store, Network network, Supplier<ContentRouting> routing, Executor workers,
            Executor storage, ScheduledExecutorService timer, ClientSettings settings, StoredBlocks listener) {
        this.store = store;
        this.network = network;
        this.routing = routing;
        this.workers = workers;
        this.storage = storage;
        this.settings = settings;
        this.listener = listener;
        this.wire = new Wire(network, settings);
        this.planner = new Planner(network, wire, settings, routing, this::storageFull);
        this.providers = new ProviderSearch(host, network, routing, settings, workers, this, this::adopt);
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
                w.arrived = storing.contains(cid);
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
            deliver(cid, local, null);
            return;
        }
        synchronized (this) {
            Want w = s.wants.get(cid);
            if (w != null && w.state == Want.State.CHECKING && !w.arrived) {
                w.state = Want.State.READY;
                planner.plan(s);
                wire.flush();
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
            drop(s, w);
            planner.plan(s);
            wire.flush();
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
                drop(s, w);
            }
            wire.flush();
        }
        cancelled.forEach(f -> f.completeExceptionally(new CancellationException("the bitswap session was closed")));
    }

    /** Removes a want from its session and releases what peers still hold for it (CANCEL, sent at the next flush). */
    private void drop(ClientSession s, Want w) {
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
        release(s, w);
    }

    /** Every peer asked for the want on the session's behalf stops holding it (CANCEL, sent at the next flush). */
    private void release(ClientSession s, Want w) {
        for (PeerId p : w.asked) {
            wire.release(p, w.cid, s);
        }
        w.asked.clear();
        w.blockPeer = null;
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
        VerifiedBlock verified = identify(from, block);
        if (verified == null) {
            misbehaved(from, "sent a block it was not asked for, or one that does not match its CID");
            return false;
        }
        Cid cid = verified.cid();
        blocksReceived.incrementAndGet();
        dataReceived.addAndGet(data.length);
        long now = System.nanoTime();
        long sentAt = 0;
        synchronized (this) {
            PeerState ps = wire.get(from);
            WireWant ww = ps == null ? null : ps.wire.get(cid);
            if (ww != null) {
                sentAt = ww.sentAt;
                ps.arrived(data.length, sentAt, now);
            }
            Set<ClientSession> waiting = wanting.get(cid);
            if (waiting == null || !storing.add(cid)) {
                duplicateBlocks.incrementAndGet();
                duplicateData.addAndGet(data.length);
                return true;
            }
            storingBytes += data.length;
            List<ClientSession> receivers = List.copyOf(waiting);
            for (ClientSession s : receivers) {
                Want w = s.wants.get(cid);
                if (w == null) {
                    continue;
                }
                if (ww != null) {
                    s.progressed(data.length, now - sentAt, now);
                    s.addPeer(from, settings.peersPerSession());
                }
                w.arrived = true;
                release(s, w);
            }
            receivers.forEach(planner::plan);
            wire.flush();
        }
        ContentRouting r = routing.get();
        if (r != null && sentAt != 0) {
            r.recordSuccess(from, Duration.ofNanos(now - sentAt), data.length);
        }
        try {
            storage.execute(() -> store(from, verified));
        } catch (RejectedExecutionException e) {
            stored(cid, data.length);
            deliver(cid, null, new CancellationException("bitswap is stopping"));
        }
        return true;
    }

    /** Stores a received block (on the storage executor), then completes what waits for it. */
    private void store(PeerId from, VerifiedBlock block) {
        Cid cid = block.cid();
        byte[] data = block.data();
        Throwable failure = null;
        try {
            store.put(block);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot store block {0}: {1}", cid, e.toString());
            failure = e;
        }
        stored(cid, data.length);
        if (failure == null) {
            listener.stored(from, cid, data.length);
        }
        deliver(cid, failure == null ? data : null, failure);
    }

    /** A block left the storage queue; when that frees room for want-blocks, every session plans again. */
    private synchronized void stored(Cid cid, int size) {
        boolean wasFull = storageFull();
        storing.remove(cid);
        storingBytes -= size;
        if (wasFull && !storageFull()) {
            sessions.forEach(planner::plan);
            wire.flush();
        }
    }

    private boolean storageFull() {
        return storingBytes >= MAX_STORING_BYTES;
    }

    /**
     * A received block named by the CID we asked the peer for, now or recently, that its bytes hash to (hashed with the
     * prefix's function; a 1.0.0 block with each function of what we asked the peer for); otherwise null. Hashing
     * happens outside the lock, once: the block is stored as verified.
     */
    private VerifiedBlock identify(PeerId from, WireBlock block) {
        if (block.prefix() != null) {
            VerifiedBlock hashed;
            try {
                hashed = block.prefix().blockOf(block.data());
            } catch (IllegalArgumentException e) {
                return null;
            }
            Cid asked;
            synchronized (this) {
                PeerState ps = wire.get(from);
                asked = ps == null ? null
                        : ps.asked(hashed.cid()) ? hashed.cid() : ps.askedByMultihash(hashed.cid().multihash());
            }
            return asked == null ? null : hashed.renamed(asked);
        }
        Set<Integer> functions;
        synchronized (this) {
            PeerState ps = wire.get(from);
            functions = ps == null ? Set.of() : ps.hashFunctions();
        }
        for (int function : functions) {
            VerifiedBlock hashed;
            try {
                hashed = VerifiedBlock.hash(1, Multicodec.RAW, function, block.data());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                continue;
            }
            synchronized (this) {
                PeerState ps = wire.get(from);
                Cid asked = ps == null ? null : ps.askedByMultihash(hashed.cid().multihash());
                if (asked != null) {
                    return hashed.renamed(asked);
                }
            }
        }
        return null;
    }

    /**
     * Completes every future wanting the CID (with the bytes, or with {@code failure}), releases the wants at every
     * peer still holding them (CANCEL) and re-plans the sessions.
     */
    private void deliver(Cid cid, byte[] data, Throwable failure) {
        List<CompletableFuture<byte[]>> done = new ArrayList<>();
        synchronized (this) {
            Set<ClientSession> waiting = wanting.get(cid);
            if (waiting == null) {
                return;
            }
            List<ClientSession> receivers = List.copyOf(waiting);
            for (ClientSession s : receivers) {
                Want w = s.wants.get(cid);
                if (w == null) {
                    continue;
                }
                done.addAll(w.futures);
                drop(s, w);
            }
            receivers.forEach(planner::plan);
            wire.flush();
        }
        for (CompletableFuture<byte[]> f : done) {
            if (failure == null) {
                f.complete(data);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }

    /**
     * HAVE and DONT_HAVE from a peer, for wants it holds from us. A HAVE joins the peer to the sessions behind the want,
     * also when the want was released meanwhile (the block came from another peer first), as boxo's sessions keep
     * their interest: the session's live wants then go to it as want-haves.
     */
    public synchronized void presencesReceived(PeerId from, List<Presence> presences) {
        PeerState ps = wire.get(from);
        if (ps == null) {
            return;
        }
        Set<ClientSession> affected = new LinkedHashSet<>();
        Set<ClientSession> joining = new LinkedHashSet<>();
        for (Presence presence : presences) {
            WireWant ww = ps.wire.get(presence.cid());
            if (ww == null) {
                ClientSession late = presence.have() ? ps.recentSession(presence.cid()) : null;
                if (late != null && !late.closed) {
                    joining.add(late);
                }
                continue;
            }
            affected.addAll(ww.sessions);
            if (presence.have()) {
                wire.have(ps, presence.cid(), ww);
                joining.addAll(ww.sessions);
            } else {
                wire.dontHave(ps, presence.cid(), ww);
            }
        }
        for (ClientSession s : joining) {
            if (s.addPeer(from, settings.peersPerSession())) {
                planner.joined(s, from);
                affected.add(s);
            }
        }
        affected.forEach(this::planOrSearch);
        wire.flush();
    }

    /** Re-plans the session and, when a live want has nobody left to ask, searches providers for it. */
    private void planOrSearch(ClientSession s) {
        planner.plan(s);
        Want stranded = planner.stranded(s);
        if (stranded != null) {
            providers.search(s, stranded.cid);
        }
    }

    // ---- peers coming and going --------------------------------------------------------------------------------

    /** A peer connected: it gets the want-haves of wants nobody has answered yet. */
    public void peerConnected(PeerId p) {
        synchronized (this) {
            long now = System.nanoTime();
            for (ClientSession s : sessions) {
                for (Want w : s.wants.values()) {
                    if (w.state == Want.State.LIVE && !w.arrived && w.broadcast && w.blockPeer == null && w.haves.isEmpty()
                            && network.mayServe(p) && wire.supportsHave(p)) {
                        wire.askHave(s, w, p, now);
                    }
                }
            }
            wire.flush();
        }
        planner.refreshRanking(this);
    }

    /**
     * A peer went away, or our link to it gave up: what it was asked for goes to others; it failed if it owed blocks.
     * A peer still connected keeps its recent CIDs, so an answer to an old want is a duplicate, not an abuse.
     */
    public void peerGone(PeerId p) {
        boolean failed;
        synchronized (this) {
            PeerState ps = wire.abandon(p, network.isConnected(p));
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
                s.lacking.remove(p);
                if (s.peers.remove(p)) {
                    affected.add(s);
                }
            }
            affected.forEach(this::planOrSearch);
            wire.flush();
        }
        ContentRouting r = routing.get();
        if (failed && r != null) {
            r.recordFailure(p);
        }
        planner.refreshRanking(this);
    }

    /** A provider joins the session's peers: the session's wants go to it (want-blocks as it has room, else want-haves). */
    private synchronized void adopt(ClientSession s, PeerId p) {
        if (s.closed) {
            return;
        }
        for (Want w : s.wants.values()) {
            w.dontHaves.remove(p);
        }
        boolean joined = s.addPeer(p, settings.peersPerSession());
        planner.plan(s);
        if (joined) {
            planner.joined(s, p);
        }
        wire.flush();
    }

    private void misbehaved(PeerId p, String reason) {
        network.cutOff(p, reason);
        ContentRouting r = routing.get();
        if (r != null) {
            r.recordMisbehaviour(p, reason);
        }
    }

    // ---- time ----------------------------------------------------------------------------------------------------

    /** Periodic: a want-block a silent peer leaves unanswered counts as DONT_HAVE (and a failure); idle sessions tick. */
    private void sweep() {
        try {
            Set<PeerId> failed = new HashSet<>();
            synchronized (this) {
                long now = System.nanoTime();
                long timeout = settings.dontHaveTimeout().toNanos();
                for (PeerState ps : wire.all()) {
                    if (ps.outstandingBlocks == 0) {
                        continue;
                    }
                    Set<ClientSession> affected = new LinkedHashSet<>();
                    for (Map.Entry<Cid, WireWant> e : ps.wire.entrySet()) {
                        WireWant ww = e.getValue();
                        if (ww.expectBlock && now - Math.max(ww.sentAt, ps.lastArrival) > timeout) {
                            wire.dontHave(ps, e.getKey(), ww);
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
                wire.flush();
            }
            ContentRouting r = routing.get();
            if (r != null) {
                failed.forEach(r::recordFailure);
            }
            if (planner.rankingOlderThan(RANKING_REFRESH_NANOS)) {
                planner.refreshRanking(this);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "bitswap client sweep failed", e);
        }
    }

    /** An idle session re-broadcasts to peers not asked yet and, on its first idle tick and then rarely, searches providers. */
    private void tick(ClientSession s, long now) {
        long delay = planner.tickDelay(s);
        if (now - s.lastProgress < delay) {
            s.nextTick = s.lastProgress + delay;
            return;
        }
        planner.rebroadcast(s, now);
        Want first = s.wants.values().stream().filter(w -> w.state == Want.State.LIVE && !w.arrived && w.blockPeer == null)
                .findFirst().orElse(null);
        if (first != null && (s.idleTicks == 0 || delay >= settings.maxTickDelay().toNanos())) {
            providers.search(s, first.cid);
        }
        s.idleTicks++;
        s.nextTick = now + planner.tickDelay(s);
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
