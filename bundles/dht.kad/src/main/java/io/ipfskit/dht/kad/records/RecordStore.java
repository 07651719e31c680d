package io.ipfskit.dht.kad.records;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The DHT's records: who provides what (by multihash), with the providers' addresses, and the values stored under
 * {@code /pk} and {@code /ipns} keys. Bounded by {@link StoreLimits}: a key keeps its newest providers, a peer that
 * reached its share of records is refused, and nothing enters once the store's bytes are used up. Expired records are
 * never returned and are swept away; an expired provider address is no longer handed out. With a {@link Journal} every
 * change is logged, replayed at start and compacted by {@link #sweep}. Values are validated by the caller before they
 * are put and when they are read. Thread-safe.
 */
public final class RecordStore implements Closeable {

    private static final System.Logger LOG = System.getLogger(RecordStore.class.getName());

    /** What {@link #addProvider} did. */
    public enum Added {
        /** Stored (or refreshed). */
        STORED,
        /** The peer already holds its share of records here. */
        PEER_FULL,
        /** The store's bytes are used up. */
        STORE_FULL
    }

    /** A provider of a key, with its addresses (empty once they expired). */
    public record Provider(PeerId peer, List<Multiaddr> addresses) {
    }

    /** A value as stored: the bytes, when it was received, and the peer that put it (null for our own). */
    public record Value(byte[] value, long received, PeerId from) {
    }

    private final StoreLimits limits;
    private final LongSupplier clock;
    private final Journal journal;
    private final Map<String, LinkedHashMap<PeerId, Long>> providers = new HashMap<>();
    private final Map<PeerId, PeerShare> peers = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private long bytes;

    /** A store with these limits, telling time by {@code clock} (epoch ms), kept in {@code journal} when not null. */
    public RecordStore(StoreLimits limits, LongSupplier clock, Journal journal) throws IOException {
        this.limits = limits;
        this.clock = clock;
        this.journal = journal;
        if (journal != null) {
            journal.replay(this::restore);
            sweep();
        }
    }

    /** Records the peer as a provider of the key (a multihash), at these addresses when not empty. */
    public synchronized Added addProvider(byte[] keyBytes, PeerId peer, List<Multiaddr> addresses) {
        return addProvider(keyBytes, peer, addresses, clock.getAsLong(), true);
    }

    private Added addProvider(byte[] keyBytes, PeerId peer, List<Multiaddr> addresses, long time, boolean log) {
        String key = key(keyBytes);
        LinkedHashMap<PeerId, Long> holders = providers.get(key);
        boolean known = holders != null && holders.containsKey(peer);
        PeerShare share = peers.get(peer);
        if (!known) {
            if (share != null && share.records >= limits.recordsPerPeer()) {
                return Added.PEER_FULL;
            }
            if (bytes + recordBytes(keyBytes, peer) + addressBytes(addresses) > limits.maxBytes()) {
                return Added.STORE_FULL;
            }
        }
        if (holders == null) {
            holders = new LinkedHashMap<>();
            providers.put(key, holders);
        }
        if (share == null) {
            share = new PeerShare();
            peers.put(peer, share);
        }
        if (known) {
            holders.remove(peer);
        } else {
            share.records++;
            bytes += recordBytes(keyBytes, peer);
        }
        holders.put(peer, time);
        if (!addresses.isEmpty()) {
            bytes += addressBytes(addresses) - addressBytes(share.addresses);
            share.addresses = List.copyOf(addresses);
            share.addressesAt = time;
        }
        if (holders.size() > limits.providersPerKey()) {
            Iterator<PeerId> oldest = holders.keySet().iterator();
            PeerId dropped = oldest.next();
            oldest.remove();
            forget(keyBytes, dropped);
        }
        log(log, new Journal.Entry(Journal.PROVIDER, keyBytes, peer, addresses, null, time));
        return Added.STORED;
    }

    /** The unexpired providers of the key, newest first, with their addresses while those are fresh. */
    public synchronized List<Provider> providers(byte[] keyBytes) {
        LinkedHashMap<PeerId, Long> holders = providers.get(key(keyBytes));
        if (holders == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        List<Provider> out = new ArrayList<>();
        holders.forEach((peer, time) -> {
            if (now - time < limits.providerValidity().toMillis()) {
                PeerShare share = peers.get(peer);
                boolean fresh = now - share.addressesAt < limits.addressValidity().toMillis();
                out.add(0, new Provider(peer, fresh ? share.addresses : List.of()));
            }
        });
        return out;
    }

    /** The value under the key unless it is older than the values' lifetime. */
    public synchronized Optional<Value> value(byte[] keyBytes) {
        Value v = values.get(key(keyBytes));
        if (v == null || clock.getAsLong() - v.received() >= limits.valueValidity().toMillis()) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /**
     * Stores a value (already validated and selected against the one held) received from {@code from} (null: ours);
     * InvalidRecordException when it is too large or the peer or the store has no room.
     */
    public synchronized void putValue(byte[] keyBytes, byte[] value, PeerId from) throws InvalidRecordException {
        if (value.length > limits.maxValueBytes()) {
            throw new InvalidRecordException("value of " + value.length + " bytes exceeds " + limits.maxValueBytes());
        }
        putValue(keyBytes, value, from, clock.getAsLong(), true);
    }

    private void putValue(byte[] keyBytes, byte[] value, PeerId from, long time, boolean log)
            throws InvalidRecordException {
        String key = key(keyBytes);
        Value old = values.get(key);
        long oldBytes = old == null ? 0 : valueBytes(keyBytes, old.value());
        if (from != null && (old == null || !from.equals(old.from()))) {
            PeerShare share = peers.get(from);
            if (share != null && share.values >= limits.valuesPerPeer()) {
                throw new InvalidRecordException("peer " + from + " holds " + limits.valuesPerPeer() + " values here");
            }
        }
        if (bytes - oldBytes + valueBytes(keyBytes, value) > limits.maxBytes()) {
            throw new InvalidRecordException("the record store is full");
        }
        if (old != null) {
            dropValue(key, old, oldBytes);
        }
        values.put(key, new Value(value, time, from));
        bytes += valueBytes(keyBytes, value);
        if (from != null) {
            peers.computeIfAbsent(from, p -> new PeerShare()).values++;
        }
        log(log, new Journal.Entry(Journal.VALUE, keyBytes, from, List.of(), value, time));
    }

    /** Forgets the value under the key (found invalid when read). */
    public synchronized void removeValue(byte[] keyBytes) {
        String key = key(keyBytes);
        Value old = values.get(key);
        if (old != null) {
            dropValue(key, old, valueBytes(keyBytes, old.value()));
        }
    }

    /** Bytes held, as the limits count them. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Provider records held. */
    public synchronized int providerRecords() {
        return providers.values().stream().mapToInt(Map::size).sum();
    }

    /** Drops every expired record and, with a journal, flushes it and compacts it when it holds mostly dead entries. */
    public synchronized void sweep() {
        long now = clock.getAsLong();
        long providerLife = limits.providerValidity().toMillis();
        for (Iterator<Map.Entry<String, LinkedHashMap<PeerId, Long>>> keys = providers.entrySet().iterator(); keys.hasNext();) {
            Map.Entry<String, LinkedHashMap<PeerId, Long>> e = keys.next();
            byte[] keyBytes = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            for (Iterator<Map.Entry<PeerId, Long>> it = e.getValue().entrySet().iterator(); it.hasNext();) {
                Map.Entry<PeerId, Long> record = it.next();
                if (now - record.getValue() >= providerLife) {
                    it.remove();
                    forget(keyBytes, record.getKey());
                }
            }
            if (e.getValue().isEmpty()) {
                keys.remove();
            }
        }
        List<String> expired = values.entrySet().stream()
                .filter(e -> now - e.getValue().received() >= limits.valueValidity().toMillis()).map(Map.Entry::getKey)
                .toList();
        expired.forEach(key -> removeValue(key.getBytes(StandardCharsets.ISO_8859_1)));
        flush();
        if (journal != null && journal.size() > 2 * bytes + (1 << 20)) {
            try {
                journal.rewrite(live());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "DHT record journal: {0}", e.toString());
            }
        }
    }

    /** Writes what the journal buffered to its file. */
    public synchronized void flush() {
        if (journal != null) {
            try {
                journal.flush();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "DHT record journal: {0}", e.toString());
            }
        }
    }

    /** Flushes and closes the journal. */
    @Override
    public synchronized void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }

    private void restore(Journal.Entry e) {
        if (e.kind() == Journal.PROVIDER) {
            addProvider(e.key(), e.peer(), e.addresses(), e.time(), false);
        } else if (e.kind() == Journal.VALUE) {
            try {
                putValue(e.key(), e.value(), e.peer(), e.time(), false);
            } catch (InvalidRecordException full) {
                LOG.log(System.Logger.Level.DEBUG, "DHT record journal: value not restored: {0}", full.getMessage());
            }
        }
    }

    private List<Journal.Entry> live() {
        List<Journal.Entry> out = new ArrayList<>();
        providers.forEach((key, holders) -> holders.forEach((peer, time) -> {
            PeerShare share = peers.get(peer);
            out.add(new Journal.Entry(Journal.PROVIDER, key.getBytes(StandardCharsets.ISO_8859_1), peer,
                    share.addressesAt == time ? share.addresses : List.of(), null, time));
        }));
        values.forEach((key, v) -> out.add(new Journal.Entry(Journal.VALUE, key.getBytes(StandardCharsets.ISO_8859_1),
                v.from(), List.of(), v.value(), v.received())));
        out.sort((a, b) -> Long.compare(a.time(), b.time()));
        return out;
    }

    private void log(boolean log, Journal.Entry entry) {
        if (log && journal != null) {
            try {
                journal.append(entry);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "DHT record journal: {0}", e.toString());
            }
        }
    }

    private void forget(byte[] keyBytes, PeerId peer) {
        bytes -= recordBytes(keyBytes, peer);
        PeerShare share = peers.get(peer);
        share.records--;
        dropIfIdle(peer, share);
    }

    private void dropValue(String key, Value old, long oldBytes) {
        values.remove(key);
        bytes -= oldBytes;
        if (old.from() != null) {
            PeerShare share = peers.get(old.from());
            share.values--;
            dropIfIdle(old.from(), share);
        }
    }

    private void dropIfIdle(PeerId peer, PeerShare share) {
        if (share.records == 0 && share.values == 0) {
            bytes -= addressBytes(share.addresses);
            peers.remove(peer);
        }
    }

    private static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static long recordBytes(byte[] key, PeerId peer) {
        return key.length + peer.bytes().length + StoreLimits.RECORD_OVERHEAD;
    }

    private static long valueBytes(byte[] key, byte[] value) {
        return key.length + value.length + StoreLimits.RECORD_OVERHEAD;
    }

    private static long addressBytes(List<Multiaddr> addresses) {
        long n = 0;
        for (Multiaddr a : addresses) {
            n += a.bytes().length;
        }
        return n;
    }

    /** What one peer holds here: its record and value counts, and the addresses it last gave with a record. */
    private static final class PeerShare {
        int records;
        int values;
        List<Multiaddr> addresses = List.of();
        long addressesAt;
    }
}
