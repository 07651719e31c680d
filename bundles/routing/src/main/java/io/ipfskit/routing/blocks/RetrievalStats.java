package io.ipfskit.routing.blocks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The integration stats for blocks fetched from the network: cache misses sent to the exchange, those handled
 * (fetched), failed (error, timeout, size limit) and cancelled (the request ended first), misses answered without the
 * network (offline, or no exchange), bytes retrieved and the mean retrieval time. Thread-safe.
 */
final class RetrievalStats {

    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong offline = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong retrievalNanos = new AtomicLong();

    void miss() {
        misses.incrementAndGet();
    }

    void handled(long nanos, long size) {
        handled.incrementAndGet();
        bytes.addAndGet(size);
        retrievalNanos.addAndGet(nanos);
    }

    void failed() {
        failed.incrementAndGet();
    }

    void cancelled() {
        cancelled.incrementAndGet();
    }

    void offlineMiss() {
        offline.incrementAndGet();
    }

    /**
     * The counters by name; success_rate is handled / (handled + failed) (cancelled fetches were never
     * needed) and average_retrieve_time is in seconds.
     */
    Map<String, Object> report() {
        long ok = handled.get();
        long bad = failed.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cache_misses", misses.get());
        out.put("cache_misses_handled", ok);
        out.put("cache_misses_failed", bad);
        out.put("cache_misses_cancelled", cancelled.get());
        out.put("cache_misses_offline", offline.get());
        out.put("success_rate", ok + bad == 0 ? 0.0 : (double) ok / (ok + bad));
        out.put("average_retrieve_time", ok == 0 ? 0.0 : retrievalNanos.get() / 1e9 / ok);
        out.put("total_bytes_retrieved", bytes.get());
        return out;
    }
}
