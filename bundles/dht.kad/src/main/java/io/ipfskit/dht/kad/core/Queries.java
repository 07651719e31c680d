package io.ipfskit.dht.kad.core;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.records.InvalidRecordException;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.RecordValidator;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MessageType;
import io.ipfskit.dht.kad.wire.WirePeer;
import io.ipfskit.dht.kad.wire.WireRecord;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The client side of a DHT: every query is one {@link Lookup} sending the same request to each peer it asks, with a
 * handler for what else the answers carry (providers, values, the peer sought) that may end the lookup early. A failed
 * request removes the peer from the routing table; an answer lets it in (see {@link TableKeeper}). Addresses heard are
 * filtered by the DHT's address policy before they are learned or dialled.
 */
final class Queries {

    private final PeerId self;
    private final KadSettings settings;
    private final RoutingTable table;
    private final TableKeeper keeper;
    private final RecordStore store;
    private final RecordValidator validator;
    private final KadNetwork network;
    private final Scheduler scheduler;
    private final LongAdder lookups = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();

    Queries(PeerId self, KadSettings settings, RoutingTable table, TableKeeper keeper, RecordStore store,
            RecordValidator validator, KadNetwork network, Scheduler scheduler) {
        this.self = self;
        this.settings = settings;
        this.table = table;
        this.keeper = keeper;
        this.store = store;
        this.validator = validator;
        this.network = network;
        this.scheduler = scheduler;
    }

    /** Lookups started (each query, and each refresh of the table, is one). */
    long lookups() {
        return lookups.sum();
    }

    /** Requests sent to peers by lookups. */
    long requests() {
        return requests.sum();
    }

    /** Requests sent that failed (no answer in time, a refused stream, a bad answer). */
    long failures() {
        return failures.sum();
    }

    /** What a query does with one answer besides its closer peers; true once the query has what it needs. */
    @FunctionalInterface
    private interface Answers {
        boolean take(PeerId peer, int depth, KadMessage answer);
    }

    CompletableFuture<List<PeerInfo>> closestPeers(byte[] key, QueryListener listener) {
        Walk walk = walk(key, KadMessage.request(MessageType.FIND_NODE, key), listener, (p, d, a) -> false);
        return walk.then(result -> {
            List<PeerInfo> out = result.closest().stream().map(this::info).toList();
            out.forEach(p -> listener.event(new QueryEvent(QueryEventType.FINAL_PEER, p.peerId(), List.of(p), "")));
            return out;
        });
    }

    CompletableFuture<Optional<PeerInfo>> findPeer(PeerId peer, QueryListener listener, IntConsumer hops) {
        if (network.connectedPeers().contains(peer)) {
            hops.accept(0);
            return CompletableFuture.completedFuture(Optional.of(info(peer)));
        }
        AtomicReference<PeerInfo> found = new AtomicReference<>();
        Walk walk = walk(peer.bytes(), KadMessage.request(MessageType.FIND_NODE, peer.bytes()), listener, (from, depth, answer) -> {
            for (WirePeer p : answer.closerPeers()) {
                List<Multiaddr> addresses = settings.addresses().filter(p.addresses());
                if (p.id().equals(peer) && !addresses.isEmpty()
                        && found.compareAndSet(null, new PeerInfo(peer, addresses))) {
                    hops.accept(depth);
                    listener.event(new QueryEvent(QueryEventType.FINAL_PEER, from, List.of(found.get()), ""));
                }
            }
            return found.get() != null;
        });
        return walk.then(result -> Optional.ofNullable(found.get()));
    }

    CompletableFuture<Void> findProviders(Multihash key, int limit, Consumer<PeerInfo> consumer, QueryListener listener,
            IntConsumer hops) {
        ProviderReport report = new ProviderReport(limit, consumer, hops);
        for (RecordStore.Provider p : store.providers(key.bytes())) {
            List<Multiaddr> addresses = p.peer().equals(self) ? own() : p.addresses();
            if (report.report(new PeerInfo(p.peer(), addresses.isEmpty() ? network.addresses(p.peer()) : addresses), 0)) {
                return CompletableFuture.completedFuture(null);
            }
        }
        if (table.size() == 0 && report.any()) {
            return CompletableFuture.completedFuture(null);
        }
        Walk walk = walk(key.bytes(), KadMessage.request(MessageType.GET_PROVIDERS, key.bytes()), listener,
                (from, depth, answer) -> {
                    List<PeerInfo> named = new ArrayList<>();
                    for (WirePeer p : answer.providerPeers()) {
                        List<Multiaddr> addresses = settings.addresses().filter(p.addresses());
                        network.learn(p.id(), addresses);
                        PeerInfo provider = new PeerInfo(p.id(), addresses.isEmpty() ? network.addresses(p.id()) : addresses);
                        named.add(provider);
                        if (report.report(provider, depth)) {
                            break;
                        }
                    }
                    if (!named.isEmpty()) {
                        listener.event(new QueryEvent(QueryEventType.PROVIDER, from, named, ""));
                    }
                    return report.full();
                });
        return walk.then(result -> null);
    }

    CompletableFuture<Void> provide(Multihash key, QueryListener listener) {
        List<Multiaddr> own = own();
        store.addProvider(key.bytes(), self, own);
        KadMessage announcement = new KadMessage(MessageType.ADD_PROVIDER, 0, key.bytes(), null, List.of(),
                List.of(WirePeer.of(self, own)));
        return closestPeers(key.bytes(), listener).thenCompose(peers -> toEach(peers,
                p -> network.send(p.peerId(), announcement), "no DHT server took the provider record"));
    }

    CompletableFuture<byte[]> getValue(byte[] key, QueryListener listener) {
        BestValue best = new BestValue(key, validator);
        Optional<byte[]> local = store.value(key).map(RecordStore.Value::value).filter(v -> valid(key, v));
        local.ifPresent(v -> best.offer(self, v));
        Walk walk = walk(key, KadMessage.request(MessageType.GET_VALUE, key), listener, (from, depth, answer) -> {
            WireRecord record = answer.record();
            if (record != null && record.value().length > 0
                    && (record.key().length == 0 || Arrays.equals(record.key(), key)) && valid(key, record.value())) {
                best.offer(from, record.value());
                listener.event(new QueryEvent(QueryEventType.VALUE, from, List.of(), ""));
            }
            return false;
        });
        return walk.then(result -> {
            byte[] value = best.value();
            if (value == null) {
                throw new NoSuchElementException("routing: not found");
            }
            KadMessage correction = new KadMessage(MessageType.PUT_VALUE, 0, key, new WireRecord(key, value, ""),
                    List.of(), List.of());
            result.closest().stream().filter(p -> !best.holders().contains(p))
                    .forEach(p -> network.request(p, correction));
            if (local.isPresent() && !Arrays.equals(local.get(), value)) {
                storeLocally(key, value);
            }
            return value;
        });
    }

    CompletableFuture<Void> putValue(byte[] key, byte[] value, QueryListener listener) {
        try {
            RequestHandler.storeValue(store, validator, key, value, null, scheduler.now());
        } catch (InvalidRecordException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage(), e));
        }
        KadMessage put = new KadMessage(MessageType.PUT_VALUE, 0, key, new WireRecord(key, value, ""), List.of(), List.of());
        return closestPeers(key, listener).thenCompose(peers -> toEach(peers, p -> network.request(p.peerId(), put),
                "no DHT server took the value"));
    }

    // ---- the walk ---------------------------------------------------------------------------------------------------

    /** A running lookup and its result; {@link #then} maps the result and stops the lookup if the mapped future is cancelled. */
    private record Walk(Lookup lookup, CompletableFuture<Lookup.Result> result) {
        <T> CompletableFuture<T> then(Function<Lookup.Result, T> map) {
            CompletableFuture<T> out = result.thenApply(map);
            out.whenComplete((value, error) -> {
                if (out.isCancelled()) {
                    lookup.stop();
                }
            });
            return out;
        }
    }

    private Walk walk(byte[] key, KadMessage request, QueryListener listener, Answers answers) {
        lookups.increment();
        Key target = Key.of(key);
        PeerId sought = request.type() == MessageType.FIND_NODE ? peerId(key) : null;
        AtomicReference<Lookup> self = new AtomicReference<>();
        Lookup lookup = new Lookup(this.self, target, settings.lookup(), scheduler,
                (peer, depth) -> ask(peer, request, listener).thenApply(answer -> {
                    if (answers.take(peer, depth, answer)) {
                        self.get().stop();
                    }
                    return answer.closerPeers();
                }), heard -> admit(heard, sought));
        self.set(lookup);
        List<PeerId> seeds = table.nearest(target, settings.k()).stream().map(RoutingTable.Entry::peer).toList();
        if (seeds.isEmpty()) {
            listener.event(new QueryEvent(QueryEventType.QUERY_ERROR, null, List.of(), "no peers in the routing table"));
        }
        return new Walk(lookup, lookup.run(seeds, settings.lookupTimeout()));
    }

    private CompletionStage<KadMessage> ask(PeerId peer, KadMessage request, QueryListener listener) {
        listener.event(new QueryEvent(QueryEventType.SENDING_QUERY, peer, List.of(), ""));
        requests.increment();
        return network.request(peer, request).whenComplete((answer, error) -> {
            if (error != null) {
                failures.increment();
                keeper.failed(peer);
                listener.event(new QueryEvent(QueryEventType.QUERY_ERROR, peer, List.of(), message(error)));
            } else {
                keeper.answered(peer);
                if (answer.record() != null || !answer.providerPeers().isEmpty() || !answer.closerPeers().isEmpty()) {
                    table.useful(peer, scheduler.now());
                }
                listener.event(new QueryEvent(QueryEventType.PEER_RESPONSE, peer,
                        answer.closerPeers().stream().map(p -> new PeerInfo(p.id(), p.addresses())).toList(), ""));
            }
        });
    }

    /** Whether a peer heard of may be asked: it has an address we keep (learned now), or it is the peer sought. */
    private boolean admit(WirePeer heard, PeerId sought) {
        List<Multiaddr> addresses = settings.addresses().filter(heard.addresses());
        network.learn(heard.id(), addresses);
        return !addresses.isEmpty() || heard.id().equals(sought)
                || !settings.addresses().filter(network.addresses(heard.id())).isEmpty();
    }

    private static CompletableFuture<Void> toEach(List<PeerInfo> peers, Function<PeerInfo, CompletionStage<?>> send,
            String noneTook) {
        if (peers.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no DHT server answered the lookup"));
        }
        List<CompletableFuture<Boolean>> sent = peers.stream()
                .map(p -> send.apply(p).toCompletableFuture().handle((ok, error) -> error == null)).toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(all -> {
            if (sent.stream().noneMatch(CompletableFuture::join)) {
                throw new IllegalStateException(noneTook);
            }
            return null;
        });
    }

    private boolean valid(byte[] key, byte[] value) {
        try {
            validator.validate(key, value, scheduler.now());
            return true;
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    private void storeLocally(byte[] key, byte[] value) {
        try {
            RequestHandler.storeValue(store, validator, key, value, null, scheduler.now());
        } catch (InvalidRecordException e) {
            // ours is as good or the store is full: keep what we have
        }
    }

    private PeerInfo info(PeerId peer) {
        List<Multiaddr> known = network.addresses(peer);
        return new PeerInfo(peer, settings.addresses().filter(known.isEmpty() ? table.addresses(peer) : known));
    }

    private List<Multiaddr> own() {
        return settings.addresses().filter(network.ownAddresses());
    }

    private static PeerId peerId(byte[] key) {
        try {
            return PeerId.fromBytes(key);
        } catch (IllegalArgumentException notAPeer) {
            return null;
        }
    }

    private static String message(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
