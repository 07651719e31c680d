package io.ipfskit.dht.kad.core;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.KademliaDht;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.api.RoutingTableSnapshot;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.RecordValidator;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One Kademlia DHT over a {@link KadNetwork}: the routing table and who enters it, the server's answers, the client's
 * queries, the periodic refresh (a lookup of our own key and of a random key in each non-empty bucket, and a check of
 * peers silent for a refresh interval; also as soon as the first peer enters), a refill from the connections every
 * 10 s while the table is low, and the record store's upkeep. The same
 * object runs on libp2p streams and in the simulation.
 */
public final class KadNode implements KademliaDht, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KadNode.class.getName());
    private static final Duration SWEEP = Duration.ofHours(1);
    private static final Duration FLUSH = Duration.ofSeconds(5);
    private static final Duration REFILL = Duration.ofSeconds(10);

    private final PeerId self;
    private final Key selfKey;
    private final KadSettings settings;
    private final KadNetwork network;
    private final RecordStore store;
    private final Scheduler scheduler;
    private final RoutingTable table;
    private final TableKeeper keeper;
    private final RequestHandler server;
    private final Queries queries;
    private final SplittableRandom random;
    private final List<Consumer<PeerInfo>> discoveries = new CopyOnWriteArrayList<>();
    private final List<Periodic> tasks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** When a refresh lookup of a key of each common prefix length last finished (ms), as go's LastRefresh. */
    private final Map<Integer, Long> refreshedAt = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Server (answers and is advertised) or client; starts as the settings say, changes with reachability. */
    private volatile DhtMode mode;

    /** A DHT for {@code self} over the network, keeping records in {@code store}, validated by {@code validator}. */
    public KadNode(PeerId self, KadSettings settings, KadNetwork network, RecordStore store, RecordValidator validator,
            Scheduler scheduler) {
        this.self = self;
        this.selfKey = Key.of(self);
        this.settings = settings;
        this.network = network;
        this.store = store;
        this.scheduler = scheduler;
        this.random = new SplittableRandom(selfKey.hashCode());
        this.table = new RoutingTable(selfKey, settings.k(), settings.addresses().diversity(), this::added);
        this.keeper = new TableKeeper(settings, table, network, scheduler);
        this.mode = settings.mode();
        this.server = new RequestHandler(self, settings, this::mode, table, store, validator, network, scheduler);
        this.queries = new Queries(self, settings, table, keeper, store, validator, network, scheduler);
    }

    /** Starts the periodic work: the refresh, the record store's sweep and its journal's flush. */
    public void start() {
        tasks.add(new Periodic(settings.refreshInterval(), this::refresh));
        tasks.add(new Periodic(REFILL, keeper::refillIfLow));
        tasks.add(new Periodic(SWEEP, store::sweep));
        tasks.add(new Periodic(FLUSH, store::flush));
    }

    /** The answer to a request from a peer (null for none); RequestRefusedException resets its stream. */
    public KadMessage handle(PeerId from, KadMessage request) throws RequestRefusedException {
        return server.handle(from, request);
    }

    /** A connection to the peer opened: it may enter the routing table. */
    public void peerConnected(PeerId peer) {
        if (!closed) {
            keeper.connected(peer);
        }
    }

    /** Reports every peer that enters the routing table from now on; closing the result stops it. */
    public AutoCloseable discover(Consumer<PeerInfo> listener) {
        discoveries.add(listener);
        return () -> discoveries.remove(listener);
    }

    /**
     * Refreshes the routing table: checks peers silent for a refresh interval, then looks up our own key and a random
     * key of each non-empty bucket (up to common prefix length 15), one after the other; a refresh already running
     * makes this one a no-op.
     */
    private void refresh() {
        if (closed || !refreshing.compareAndSet(false, true)) {
            return;
        }
        keeper.checkAnsweredBefore(scheduler.now() - settings.refreshInterval().toMillis());
        Map<Integer, byte[]> targets = new LinkedHashMap<>();
        targets.put(-1, self.bytes());
        for (int cpl : table.nonEmptyBuckets()) {
            if (cpl <= RandomKeys.MAX_CPL) {
                targets.put(cpl, RandomKeys.withPrefix(selfKey, cpl, random));
            }
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<Integer, byte[]> target : targets.entrySet()) {
            chain = chain.thenCompose(previous -> closed ? CompletableFuture.completedFuture(null)
                    : queries.closestPeers(target.getValue(), QueryListener.NONE).handle((peers, error) -> {
                        if (error == null && target.getKey() >= 0) {
                            refreshedAt.put(target.getKey(), scheduler.now());
                        }
                        return null;
                    }));
        }
        chain.whenComplete((ok, error) -> refreshing.set(false));
    }

    /** What this DHT has done so far: lookups and requests sent (and failed) by them, requests served. */
    public DhtCounters counters() {
        return new DhtCounters(queries.lookups(), queries.requests(), queries.failures(), server.served());
    }

    /** The number of peers in the routing table. */
    public int tableSize() {
        return table.size();
    }

    /** {@link #findPeer(PeerId, QueryListener)}, telling {@code hops} the depth of the answer that named the peer. */
    public CompletableFuture<Optional<PeerInfo>> findPeer(PeerId peer, QueryListener listener, IntConsumer hops) {
        return queries.findPeer(peer, listener, hops);
    }

    /** {@link #findProviders(Multihash, int, Consumer, QueryListener)}, telling {@code hops} the first answer's depth. */
    public CompletableFuture<Void> findProviders(Multihash key, int limit, Consumer<PeerInfo> provider,
            QueryListener listener, IntConsumer hops) {
        return queries.findProviders(key, limit, provider, listener, hops);
    }

    @Override
    public String protocolId() {
        return settings.protocolId();
    }

    @Override
    public DhtMode mode() {
        return mode;
    }

    /** Serves requests from now on, or stops serving them (a client only asks). */
    public void mode(DhtMode mode) {
        this.mode = mode;
    }

    @Override
    public CompletableFuture<List<PeerInfo>> closestPeers(byte[] key, QueryListener listener) {
        return queries.closestPeers(key, listener);
    }

    @Override
    public CompletableFuture<Optional<PeerInfo>> findPeer(PeerId peer, QueryListener listener) {
        return queries.findPeer(peer, listener, hops -> { });
    }

    @Override
    public CompletableFuture<Void> findProviders(Multihash key, int limit, Consumer<PeerInfo> provider,
            QueryListener listener) {
        return queries.findProviders(key, limit, provider, listener, hops -> { });
    }

    @Override
    public CompletableFuture<Void> provide(Multihash key, QueryListener listener) {
        return queries.provide(key, listener);
    }

    @Override
    public CompletableFuture<byte[]> getValue(byte[] key, QueryListener listener) {
        return queries.getValue(key, listener);
    }

    @Override
    public CompletableFuture<Void> putValue(byte[] key, byte[] value, QueryListener listener) {
        return queries.putValue(key, value, listener);
    }

    @Override
    public RoutingTableSnapshot routingTable() {
        Map<Integer, Instant> refreshed = new HashMap<>();
        refreshedAt.forEach((cpl, at) -> refreshed.put(cpl, Instant.ofEpochMilli(at)));
        return new RoutingTableSnapshot(settings.protocolId(), mode, settings.k(), table.snapshot(), refreshed);
    }

    /** Stops the periodic work and closes the record store. */
    @Override
    public void close() {
        closed = true;
        tasks.forEach(Periodic::cancel);
        try {
            store.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the DHT record store: {0}", e.toString());
        }
    }

    /** A peer entered the table (called under the table's lock): tell the subscribers, refresh after the first. */
    private void added(RoutingTable.Entry entry) {
        PeerInfo info = new PeerInfo(entry.peer(), entry.addresses());
        boolean first = table.size() == 1;
        scheduler.execute(() -> {
            discoveries.forEach(d -> d.accept(info));
            if (first) {
                refresh();
            }
        });
    }

    /** A task run every period until the DHT closes; a failing run is logged and the next one still comes. */
    private final class Periodic implements Runnable {
        private final Duration period;
        private final Runnable task;
        private volatile Scheduler.Cancellable next;

        Periodic(Duration period, Runnable task) {
            this.period = period;
            this.task = task;
            this.next = scheduler.schedule(period, this);
        }

        @Override
        public void run() {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "DHT " + settings.protocolId() + " periodic task failed", e);
            }
            next = scheduler.schedule(period, this);
        }

        void cancel() {
            next.cancel();
        }
    }
}
