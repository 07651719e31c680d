package io.ipfskit.storage.tiered;

import io.ipfskit.multiformats.Multihash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The heat of blocks seen lately, bounded in bytes: the least recently touched entries are forgotten first. An entry
 * costs {@link #ENTRY_BYTES}; for blocks held by a cache tier that cost is part of the
 * per-block overhead the tier's {@link ArcPolicy} charges, so the bookkeeping counts in the tier's budget.
 */
final class HeatTable {

    /** Heap bytes of one entry: map node, Heat object, a sha2-256 multihash key and the references between them. */
    static final int ENTRY_BYTES = 160;

    private final long maxBytes;
    private final LinkedHashMap<Multihash, Heat> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    /** A table of at most {@code maxBytes} bytes of entries. */
    HeatTable(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The block's heat entry, created at {@code now} if it had none. */
    synchronized Heat touch(Multihash key, long now) {
        Heat heat = entries.get(key);
        if (heat == null) {
            heat = new Heat(now);
            put(key, heat);
        }
        return heat;
    }

    /** The block's heat at {@code now}; zero when it has none. */
    synchronized double heat(Multihash key, long now) {
        Heat heat = entries.get(key);
        return heat == null ? 0 : heat.at(now);
    }

    /** The block's entry, or null. */
    synchronized Heat get(Multihash key) {
        return entries.get(key);
    }

    /** Puts back an entry saved earlier. */
    synchronized void restore(Multihash key, Heat heat) {
        if (!entries.containsKey(key)) {
            put(key, heat);
        }
    }

    /** Forgets the block. */
    synchronized void forget(Multihash key) {
        if (entries.remove(key) != null) {
            bytes -= ENTRY_BYTES;
        }
    }

    /** The {@code max} hottest blocks at {@code now}, hottest first (one pass, a heap of {@code max} entries). */
    synchronized Map<Multihash, Double> hottest(int max, long now) {
        PriorityQueue<Map.Entry<Multihash, Double>> top =
                new PriorityQueue<>(Math.max(1, max + 1), Map.Entry.comparingByValue());
        for (Map.Entry<Multihash, Heat> entry : entries.entrySet()) {
            double heat = entry.getValue().at(now);
            if (heat > 0 && max > 0) {
                top.add(Map.entry(entry.getKey(), heat));
                if (top.size() > max) {
                    top.poll();
                }
            }
        }
        List<Map.Entry<Multihash, Double>> sorted = new ArrayList<>(top);
        sorted.sort(Map.Entry.<Multihash, Double>comparingByValue().reversed());
        Map<Multihash, Double> hottest = new LinkedHashMap<>();
        sorted.forEach(e -> hottest.put(e.getKey(), e.getValue()));
        return hottest;
    }

    /** Bytes the entries take. */
    synchronized long bytes() {
        return bytes;
    }

    /** Entries held. */
    synchronized int size() {
        return entries.size();
    }

    private void put(Multihash key, Heat heat) {
        entries.put(key, heat);
        bytes += ENTRY_BYTES;
        var eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Multihash, Heat> old = eldest.next();
            if (old.getKey().equals(key)) {
                break;
            }
            eldest.remove();
            bytes -= ENTRY_BYTES;
        }
    }
}
