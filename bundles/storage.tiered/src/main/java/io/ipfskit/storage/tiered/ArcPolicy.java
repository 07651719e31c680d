package io.ipfskit.storage.tiered;

import io.ipfskit.multiformats.Multihash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Which block a bounded tier gives up next: an ARC-like policy measured in bytes. Blocks seen once live in T1,
 * blocks hit again in T2, both in recency order; ghosts of evicted blocks (B1, B2) adapt the byte target {@code p}
 * for T1: a ghost hit in B1 grows it (recency pays), in B2 shrinks it (frequency pays). The victim comes from T1 when
 * T1 holds more than {@code p} bytes, else from T2; among the {@link #WINDOW} least recent blocks of that list it is
 * the one with the largest {@code size / (1 + heat)}, so large cold blocks go first. Each block costs its size plus
 * a fixed overhead for the bookkeeping that follows it (cache entry, key, heat, this policy's node), so the tier's
 * byte budget bounds the memory it really takes. It is the tier's only eviction authority: the tier itself never
 * evicts. Not thread-safe: callers lock.
 */
final class ArcPolicy {

    /** How many least-recent candidates are weighed by size and heat. */
    static final int WINDOW = 8;
    /** Most ghost entries remembered per ghost list. */
    static final int MAX_GHOSTS = 4096;

    /** Bytes charged per block beside its data: the cache's entry and key, its heat entry, this policy's node. */
    static final int ENTRY_OVERHEAD = 256;

    /** The four lists, least recent first, and T1's target, as saved across restarts. */
    record State(long target, List<Entry> t1, List<Entry> t2, List<Entry> b1, List<Entry> b2) {
    }

    /** A block and its data size. */
    record Entry(Multihash key, long size) {
    }

    private final long capacity;
    private final int overhead;
    private final LinkedHashMap<Multihash, Long> t1 = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<Multihash, Long> t2 = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<Multihash, Long> b1 = ghosts();
    private final LinkedHashMap<Multihash, Long> b2 = ghosts();
    private long t1Bytes;
    private long t2Bytes;
    private long p;

    /** A policy for a tier of {@code capacity} bytes charging {@code overhead} bytes per block beside its size. */
    ArcPolicy(long capacity, int overhead) {
        this.capacity = capacity;
        this.overhead = overhead;
    }

    /** What a block of {@code size} bytes costs in the tier's budget. */
    long cost(long size) {
        return size + overhead;
    }

    /** Bytes charged for the blocks the tier holds (data and overhead), as far as this policy knows. */
    long bytes() {
        return t1Bytes + t2Bytes;
    }

    /** The tier's capacity. */
    long capacity() {
        return capacity;
    }

    /** The current byte target for T1. */
    long target() {
        return p;
    }

    /** Whether the tier holds the block. */
    boolean contains(Multihash key) {
        return t1.containsKey(key) || t2.containsKey(key);
    }

    /** Records a block of {@code dataSize} bytes stored in the tier. */
    void inserted(Multihash key, long dataSize) {
        long size = cost(dataSize);
        if (contains(key)) {
            hit(key);
            return;
        }
        Long ghost1 = b1.remove(key);
        Long ghost2 = b2.remove(key);
        if (ghost1 != null) {
            p = Math.min(capacity, p + size * Math.max(1, b2.size() / (b1.size() + 1)));
            t2.put(key, size);
            t2Bytes += size;
        } else if (ghost2 != null) {
            p = Math.max(0, p - size * Math.max(1, b1.size() / (b2.size() + 1)));
            t2.put(key, size);
            t2Bytes += size;
        } else {
            t1.put(key, size);
            t1Bytes += size;
        }
    }

    /** Records a read served by the tier: T1 blocks move to T2, T2 blocks become most recent. */
    void hit(Multihash key) {
        Long size = t1.remove(key);
        if (size != null) {
            t1Bytes -= size;
            t2.put(key, size);
            t2Bytes += size;
        } else {
            t2.get(key);
        }
    }

    /** Forgets a block removed from the tier for another reason (delete, GC). */
    void removed(Multihash key) {
        Long size = t1.remove(key);
        if (size != null) {
            t1Bytes -= size;
        }
        size = t2.remove(key);
        if (size != null) {
            t2Bytes -= size;
        }
    }

    /** Chooses and forgets the next victim (remembering it as a ghost); empty when the tier holds nothing. */
    Optional<Multihash> evict(ToDoubleFunction<Multihash> heat) {
        boolean fromT1 = !t1.isEmpty() && (t1Bytes > p || t2.isEmpty());
        LinkedHashMap<Multihash, Long> list = fromT1 ? t1 : t2;
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Multihash victim = null;
        double worst = -1;
        Iterator<Map.Entry<Multihash, Long>> oldest = list.entrySet().iterator();
        for (int i = 0; i < WINDOW && oldest.hasNext(); i++) {
            Map.Entry<Multihash, Long> entry = oldest.next();
            double score = entry.getValue() / (1 + heat.applyAsDouble(entry.getKey()));
            if (score > worst) {
                worst = score;
                victim = entry.getKey();
            }
        }
        long size = list.remove(victim);
        if (fromT1) {
            t1Bytes -= size;
            b1.put(victim, size);
        } else {
            t2Bytes -= size;
            b2.put(victim, size);
        }
        return Optional.of(victim);
    }

    /** The lists and target, for saving: data sizes, least recent first. */
    State state() {
        return new State(p, entries(t1), entries(t2), entries(b1), entries(b2));
    }

    /** Takes back a saved state, keeping only held blocks that {@code held} confirms; ghosts are kept as they were. */
    void restore(State state, Predicate<Multihash> held) {
        p = Math.min(capacity, Math.max(0, state.target()));
        for (Entry entry : state.t1()) {
            if (held.test(entry.key()) && !contains(entry.key())) {
                t1.put(entry.key(), cost(entry.size()));
                t1Bytes += cost(entry.size());
            }
        }
        for (Entry entry : state.t2()) {
            if (held.test(entry.key()) && !contains(entry.key())) {
                t2.put(entry.key(), cost(entry.size()));
                t2Bytes += cost(entry.size());
            }
        }
        state.b1().forEach(entry -> b1.put(entry.key(), cost(entry.size())));
        state.b2().forEach(entry -> b2.put(entry.key(), cost(entry.size())));
    }

    private List<Entry> entries(LinkedHashMap<Multihash, Long> list) {
        List<Entry> out = new ArrayList<>(list.size());
        list.forEach((key, charged) -> out.add(new Entry(key, charged - overhead)));
        return out;
    }

    private static LinkedHashMap<Multihash, Long> ghosts() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Multihash, Long> eldest) {
                return size() > MAX_GHOSTS;
            }
        };
    }
}
