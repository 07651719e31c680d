package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.api.TableBucket;
import io.ipfskit.dht.kad.api.TableEntry;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Kademlia k-buckets: bucket i holds at most k peers whose key shares exactly i leading bits with ours, plus up to k
 * replacements (peers that qualified while the bucket was full, newest kept) that take the place of a peer removed.
 * With the diversity filter on, at most 2 peers of one IP group (/16, /32 for IPv6) per bucket and 3 in the whole
 * table (go's defaults); peers with no public address are not counted. Thread-safe.
 */
public final class RoutingTable {

    /** Peers of one IP group allowed in one bucket. */
    public static final int MAX_PER_GROUP_PER_BUCKET = 2;
    /** Peers of one IP group allowed in the table. */
    public static final int MAX_PER_GROUP = 3;

    /** What {@link #add} did. */
    public enum Outcome {
        /** The peer entered the table. */
        ADDED,
        /** The peer was there already; its answer time was refreshed. */
        REFRESHED,
        /** The bucket is full: the peer waits among the replacements; {@link Admission#stalest} could make room. */
        FULL,
        /** The diversity filter (or the peer being us) keeps it out. */
        REFUSED
    }

    /** The outcome of {@link #add}; for a full bucket, its peer that answered least recently, and when. */
    public record Admission(Outcome outcome, PeerId stalest, long stalestAnswered) {
    }

    private final Key self;
    private final int k;
    private final boolean diversity;
    private final Consumer<Entry> onAdded;
    private final Bucket[] buckets = new Bucket[Key.BITS];
    private final Map<PeerId, Entry> index = new HashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();

    /** A table around {@code self}, k per bucket, the diversity filter on or off; {@code onAdded} hears each new peer. */
    public RoutingTable(Key self, int k, boolean diversity, Consumer<Entry> onAdded) {
        this.self = self;
        this.k = k;
        this.diversity = diversity;
        this.onAdded = onAdded;
    }

    /** Adds a peer that just answered us (or refreshes it), with the addresses it is known at. */
    public synchronized Admission add(PeerId peer, List<Multiaddr> addresses, long now) {
        Entry known = index.get(peer);
        if (known != null) {
            known.lastAnswered = now;
            if (!addresses.isEmpty()) {
                known.addresses = List.copyOf(addresses);
            }
            return new Admission(Outcome.REFRESHED, null, 0);
        }
        Key key = Key.of(peer);
        int cpl = self.commonPrefixLength(key);
        if (cpl >= Key.BITS) {
            return new Admission(Outcome.REFUSED, null, 0);
        }
        Entry entry = new Entry(peer, key, List.copyOf(addresses), diversity ? group(addresses) : null, now);
        Bucket bucket = bucket(cpl);
        if (!allowed(bucket, entry)) {
            return new Admission(Outcome.REFUSED, null, 0);
        }
        if (bucket.peers.size() < k) {
            enter(bucket, entry);
            return new Admission(Outcome.ADDED, null, 0);
        }
        bucket.replacements.removeIf(r -> r.peer.equals(peer));
        bucket.replacements.add(entry);
        if (bucket.replacements.size() > k) {
            bucket.replacements.remove(0);
        }
        Entry stalest = bucket.peers.stream().min(Comparator.comparingLong(e -> e.lastAnswered)).orElseThrow();
        return new Admission(Outcome.FULL, stalest.peer, stalest.lastAnswered);
    }

    /** Removes a peer that stopped answering; the newest replacement the filter allows takes its place. */
    public synchronized boolean remove(PeerId peer) {
        Entry entry = index.remove(peer);
        if (entry == null) {
            return false;
        }
        Bucket bucket = bucket(self.commonPrefixLength(entry.key));
        bucket.peers.remove(entry);
        if (entry.group != null) {
            groups.merge(entry.group, -1, (a, b) -> a + b == 0 ? null : a + b);
        }
        for (int i = bucket.replacements.size() - 1; i >= 0; i--) {
            Entry candidate = bucket.replacements.get(i);
            if (allowed(bucket, candidate)) {
                bucket.replacements.remove(i);
                enter(bucket, candidate);
                break;
            }
        }
        return true;
    }

    /** Notes that the peer gave us something useful (a closer peer, a provider, a value). */
    public synchronized void useful(PeerId peer, long now) {
        Entry entry = index.get(peer);
        if (entry != null) {
            entry.lastUseful = now;
        }
    }

    /** Whether the peer is not in the table and its bucket has a free place (go's UsefulNewPeer, without replacement). */
    public synchronized boolean hasRoomFor(PeerId peer) {
        if (index.containsKey(peer)) {
            return false;
        }
        int cpl = self.commonPrefixLength(Key.of(peer));
        return cpl < Key.BITS && (buckets[cpl] == null || buckets[cpl].peers.size() < k);
    }

    /** Whether the peer is in the table (replacements do not count). */
    public synchronized boolean contains(PeerId peer) {
        return index.containsKey(peer);
    }

    /** The addresses the table holds for a peer in it, else empty. */
    public synchronized List<Multiaddr> addresses(PeerId peer) {
        Entry entry = index.get(peer);
        return entry == null ? List.of() : entry.addresses;
    }

    /**
     * The peers of the table closest to the target, closest first, at most {@code count}. With c the common prefix
     * length of the target and us and d = ours XOR the target's: bucket c's peers share more than c bits with the
     * target; then come the deeper buckets i &gt; c, those with bit i of d set in ascending order, then those with it
     * clear in descending order; then the buckets below c, descending. So buckets are read in order of distance and
     * only the ones read are sorted.
     */
    public synchronized List<Entry> nearest(Key target, int count) {
        int c = Math.min(self.commonPrefixLength(target), Key.BITS - 1);
        byte[] d = xor(self.bytes(), target.bytes());
        List<Entry> out = new ArrayList<>(count);
        addClosest(out, c, target, count);
        for (int i = c + 1; i < Key.BITS; i++) {
            if (bit(d, i)) {
                addClosest(out, i, target, count);
            }
        }
        for (int i = Key.BITS - 1; i > c; i--) {
            if (!bit(d, i)) {
                addClosest(out, i, target, count);
            }
        }
        for (int i = c - 1; i >= 0; i--) {
            addClosest(out, i, target, count);
        }
        return out;
    }

    private void addClosest(List<Entry> out, int bucket, Key target, int count) {
        Bucket b = buckets[bucket];
        if (out.size() >= count || b == null || b.peers.isEmpty()) {
            return;
        }
        List<Entry> sorted = new ArrayList<>(b.peers);
        sorted.sort((x, y) -> target.compareDistance(x.key, y.key));
        out.addAll(sorted.subList(0, Math.min(sorted.size(), count - out.size())));
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static boolean bit(byte[] bytes, int i) {
        return (bytes[i >> 3] & (0x80 >> (i & 7))) != 0;
    }

    /** The peers that last answered before {@code before} (candidates for a liveness check). */
    public synchronized List<PeerId> answeredBefore(long before) {
        return index.values().stream().filter(e -> e.lastAnswered < before).map(e -> e.peer).toList();
    }

    /** The common prefix lengths of the non-empty buckets, ascending. */
    public synchronized List<Integer> nonEmptyBuckets() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != null && !buckets[i].peers.isEmpty()) {
                out.add(i);
            }
        }
        return out;
    }

    /** The number of peers in the table. */
    public synchronized int size() {
        return index.size();
    }

    /** The non-empty buckets as the API shows them. */
    public synchronized List<TableBucket> snapshot() {
        List<TableBucket> out = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != null && !buckets[i].peers.isEmpty()) {
                out.add(new TableBucket(i, buckets[i].peers.stream().map(Entry::view).toList()));
            }
        }
        return out;
    }

    private Bucket bucket(int cpl) {
        Bucket b = buckets[cpl];
        if (b == null) {
            b = new Bucket();
            buckets[cpl] = b;
        }
        return b;
    }

    private boolean allowed(Bucket bucket, Entry entry) {
        if (entry.group == null) {
            return true;
        }
        int inBucket = 0;
        for (Entry e : bucket.peers) {
            if (entry.group.equals(e.group)) {
                inBucket++;
            }
        }
        return inBucket < MAX_PER_GROUP_PER_BUCKET && groups.getOrDefault(entry.group, 0) < MAX_PER_GROUP;
    }

    private void enter(Bucket bucket, Entry entry) {
        bucket.peers.add(entry);
        index.put(entry.peer, entry);
        if (entry.group != null) {
            groups.merge(entry.group, 1, Integer::sum);
        }
        onAdded.accept(entry);
    }

    private static String group(List<Multiaddr> addresses) {
        return addresses.stream().map(AddressScope::group).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The peers of one common prefix length, and those waiting for a place. */
    private static final class Bucket {
        final List<Entry> peers = new ArrayList<>();
        final List<Entry> replacements = new ArrayList<>();
    }

    /** One peer of the table; mutable under the table's lock. */
    public static final class Entry {
        private final PeerId peer;
        private final Key key;
        private final String group;
        private final long added;
        private volatile List<Multiaddr> addresses;
        private long lastAnswered;
        private long lastUseful;

        Entry(PeerId peer, Key key, List<Multiaddr> addresses, String group, long now) {
            this.peer = peer;
            this.key = key;
            this.addresses = addresses;
            this.group = group;
            this.added = now;
            this.lastAnswered = now;
        }

        /** The peer. */
        public PeerId peer() {
            return peer;
        }

        /** Its point in the keyspace. */
        public Key key() {
            return key;
        }

        /** The addresses it was known at when it last answered. */
        public List<Multiaddr> addresses() {
            return addresses;
        }

        TableEntry view() {
            return new TableEntry(peer, addresses, Instant.ofEpochMilli(added), Instant.ofEpochMilli(lastAnswered),
                    lastUseful == 0 ? null : Instant.ofEpochMilli(lastUseful));
        }
    }
}
