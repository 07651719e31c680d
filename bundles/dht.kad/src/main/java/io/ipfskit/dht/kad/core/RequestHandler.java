package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.records.InvalidRecordException;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.RecordValidator;
import io.ipfskit.dht.kad.wire.ConnectionType;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MessageType;
import io.ipfskit.dht.kad.wire.WirePeer;
import io.ipfskit.dht.kad.wire.WireRecord;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server side of a DHT, as go-libp2p-kad-dht's handlers: FIND_NODE, GET_PROVIDERS and GET_VALUE answer with the k
 * closest peers of our table (never the asker nor us) that have addresses we keep; ADD_PROVIDER stores only the
 * providers that are the sender itself, and gets no answer; PUT_VALUE stores a record that validates and is not worse
 * than ours, and echoes it; PING echoes. Answers only in server mode. Anything else is refused.
 */
public final class RequestHandler {

    /** The longest provider key (a multihash) accepted, as go. */
    public static final int MAX_PROVIDER_KEY = 80;

    private final PeerId self;
    private final KadSettings settings;
    private final Supplier<DhtMode> mode;
    private final RoutingTable table;
    private final RecordStore store;
    private final RecordValidator validator;
    private final KadNetwork network;
    private final Scheduler clock;
    private final LongAdder served = new LongAdder();

    RequestHandler(PeerId self, KadSettings settings, Supplier<DhtMode> mode, RoutingTable table, RecordStore store, RecordValidator validator,
            KadNetwork network, Scheduler clock) {
        this.self = self;
        this.settings = settings;
        this.mode = mode;
        this.table = table;
        this.store = store;
        this.validator = validator;
        this.network = network;
        this.clock = clock;
    }

    /** Requests from peers taken in (a client DHT takes none). */
    long served() {
        return served.sum();
    }

    /** The answer to a request from {@code from}, or null for none (ADD_PROVIDER). */
    public KadMessage handle(PeerId from, KadMessage request) throws RequestRefusedException {
        if (mode.get() != DhtMode.SERVER) {
            throw new RequestRefusedException("this DHT is a client");
        }
        served.increment();
        byte[] key = request.key();
        if (key.length == 0 && request.type() != MessageType.PING) {
            throw new RequestRefusedException(request.type() + " without a key");
        }
        return switch (request.type()) {
            case FIND_NODE -> new KadMessage(MessageType.FIND_NODE, request.clusterLevelRaw(), null, null,
                    findNode(from, key, network.connectedPeers()), List.of());
            case GET_PROVIDERS -> {
                Set<PeerId> connected = network.connectedPeers();
                yield request.answer(null, closer(from, key, connected), providers(providerKey(key), connected));
            }
            case ADD_PROVIDER -> addProvider(from, providerKey(key), request.providerPeers());
            case GET_VALUE -> request.answer(value(key).orElse(null), closer(from, key, network.connectedPeers()),
                    List.of());
            case PUT_VALUE -> putValue(from, request);
            case PING -> request.withoutPeers();
        };
    }

    private List<WirePeer> findNode(PeerId from, byte[] key, Set<PeerId> connected) {
        List<WirePeer> closer = closer(from, key, connected);
        PeerId target = peerId(key);
        if (target != null && closer.stream().noneMatch(p -> p.id().equals(target))) {
            List<Multiaddr> addresses = target.equals(self) ? own() : settings.addresses().filter(network.addresses(target));
            if (!addresses.isEmpty()) {
                List<WirePeer> withTarget = new ArrayList<>();
                withTarget.add(wirePeer(target, addresses, connected));
                withTarget.addAll(closer.subList(0, Math.min(closer.size(), settings.k())));
                return withTarget;
            }
        }
        return closer;
    }

    /** The k closest peers of our table to the key, without the asker, those without a kept address left out. */
    private List<WirePeer> closer(PeerId from, byte[] key, Set<PeerId> connected) {
        List<WirePeer> out = new ArrayList<>();
        for (RoutingTable.Entry e : table.nearest(Key.of(key), settings.k() + 1)) {
            if (out.size() == settings.k()) {
                break;
            }
            if (e.peer().equals(from) || e.peer().equals(self)) {
                continue;
            }
            List<Multiaddr> known = network.addresses(e.peer());
            List<Multiaddr> addresses = settings.addresses().filter(known.isEmpty() ? e.addresses() : known);
            if (!addresses.isEmpty()) {
                out.add(wirePeer(e.peer(), addresses, connected));
            }
        }
        return out;
    }

    private List<WirePeer> providers(byte[] key, Set<PeerId> connected) {
        List<WirePeer> out = new ArrayList<>();
        for (RecordStore.Provider p : store.providers(key)) {
            List<Multiaddr> addresses = p.peer().equals(self) ? own() : p.addresses();
            if (!addresses.isEmpty()) {
                out.add(wirePeer(p.peer(), addresses, connected));
            }
        }
        return out;
    }

    private KadMessage addProvider(PeerId from, byte[] key, List<WirePeer> claimed) throws RequestRefusedException {
        for (WirePeer p : claimed) {
            if (!p.id().equals(from) || p.addresses().isEmpty()) {
                continue;
            }
            RecordStore.Added added = store.addProvider(key, from, settings.addresses().filter(p.addresses()));
            if (added == RecordStore.Added.PEER_FULL) {
                throw new RequestRefusedException(from + " holds its share of provider records here");
            }
        }
        return null;
    }

    /** The value under the key if it still validates (an invalid one is forgotten). */
    private Optional<WireRecord> value(byte[] key) {
        Optional<RecordStore.Value> stored = store.value(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            validator.validate(key, stored.get().value(), clock.now());
        } catch (InvalidRecordException e) {
            store.removeValue(key);
            return Optional.empty();
        }
        return Optional.of(new WireRecord(key, stored.get().value(), rfc3339(stored.get().received())));
    }

    private KadMessage putValue(PeerId from, KadMessage request) throws RequestRefusedException {
        WireRecord record = request.record();
        if (record == null || !Arrays.equals(record.key(), request.key())) {
            throw new RequestRefusedException("PUT_VALUE without a record for its key");
        }
        try {
            storeValue(store, validator, request.key(), record.value(), from, clock.now());
        } catch (InvalidRecordException e) {
            throw new RequestRefusedException("PUT_VALUE refused: " + e.getMessage());
        }
        return request.withoutPeers();
    }

    /** Validates a value and stores it unless the one held is better; InvalidRecordException otherwise. */
    static void storeValue(RecordStore store, RecordValidator validator, byte[] key, byte[] value, PeerId from, long now)
            throws InvalidRecordException {
        validator.validate(key, value, now);
        Optional<RecordStore.Value> held = store.value(key);
        if (held.isPresent() && !Arrays.equals(held.get().value(), value)) {
            boolean heldValid;
            try {
                validator.validate(key, held.get().value(), now);
                heldValid = true;
            } catch (InvalidRecordException expired) {
                heldValid = false;
            }
            if (heldValid && validator.select(key, List.of(value, held.get().value())) != 0) {
                throw new InvalidRecordException("a better record is held for the key");
            }
        }
        store.putValue(key, value, from);
    }

    private static byte[] providerKey(byte[] key) throws RequestRefusedException {
        if (key.length > MAX_PROVIDER_KEY) {
            throw new RequestRefusedException("provider key of " + key.length + " bytes");
        }
        return key;
    }

    private List<Multiaddr> own() {
        return settings.addresses().filter(network.ownAddresses());
    }

    private static WirePeer wirePeer(PeerId peer, List<Multiaddr> addresses, Set<PeerId> connected) {
        return new WirePeer(peer, addresses, connected.contains(peer) ? ConnectionType.CONNECTED : ConnectionType.NOT_CONNECTED);
    }

    private static PeerId peerId(byte[] key) {
        try {
            return PeerId.fromBytes(key);
        } catch (IllegalArgumentException notAPeer) {
            return null;
        }
    }

    private static String rfc3339(long millis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }
}
