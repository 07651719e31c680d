package io.ipfskit.routing.blocks;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.concurrent.Time;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Announces fetched blocks in the background, as boxo's provider queue does: {@link #offer} only records the CID (a
 * CID already waiting is not queued twice), and a worker announces what waits, oldest first, with at most
 * {@code inFlight} announcements at once. At most {@code capacity} CIDs wait; one offered beyond that is dropped and
 * counted (the reprovider announces every stored block on its next run), so a fast fetch never waits for the DHT and
 * never grows the queue without bound. Fetches come first: while one started less than {@code quiet} ago
 * ({@link #fetching}) announcements wait, each at most {@code maxDelay} after it was offered, so a run of requests
 * does not share the CPU and the connections with the DHT walks its own blocks start. Thread-safe.
 */
final class ProvideQueue {

    private static final System.Logger LOG = System.getLogger(ProvideQueue.class.getName());

    private final Supplier<ContentRouting> routing;
    private final Executor worker;
    private final Time time;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final int capacity;
    private final int inFlight;
    /** Waiting CIDs, oldest first, with when each was offered. */
    private final Map<Cid, Long> waiting = new LinkedHashMap<>();
    private long lastFetchNanos;
    private Time.Scheduled wake;
    private int announcing;
    private long announced;
    private long dropped;

    /**
     * Announces through what {@code routing} supplies (nothing while it supplies null), on {@code worker}, holding
     * announcements back while fetches start, for at most {@code maxDelay}.
     */
    ProvideQueue(Supplier<ContentRouting> routing, Executor worker, Time time, Duration quiet, Duration maxDelay,
            int capacity, int inFlight) {
        if (capacity < 1 || inFlight < 1 || quiet.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("capacity, in-flight announcements and delays must be positive");
        }
        this.routing = routing;
        this.worker = worker;
        this.time = time;
        this.quietNanos = quiet.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.capacity = capacity;
        this.inFlight = inFlight;
        this.lastFetchNanos = time.nanoTime() - quietNanos;
    }

    /** A fetch started: announcements wait until none started for the quiet period. */
    synchronized void fetching() {
        lastFetchNanos = time.nanoTime();
    }

    /** Queues the CID for announcement unless it waits already; drops it when the queue is full. */
    void offer(Cid cid) {
        synchronized (this) {
            if (waiting.containsKey(cid)) {
                return;
            }
            if (waiting.size() >= capacity) {
                dropped++;
                return;
            }
            waiting.put(cid, time.nanoTime());
            if (announcing >= inFlight || wake != null) {
                return;
            }
            announcing++;
        }
        continueOnWorker();
    }

    private void continueOnWorker() {
        try {
            worker.execute(this::announceNext);
        } catch (RejectedExecutionException stopped) {
            synchronized (this) {
                announcing--;
            }
        }
    }

    /**
     * Announces the oldest waiting CID; when that completes, the next one, until none waits. While fetches hold
     * announcements back, gives up its turn and wakes the queue when the oldest CID may go.
     */
    private void announceNext() {
        Cid next;
        synchronized (this) {
            Iterator<Map.Entry<Cid, Long>> oldest = waiting.entrySet().iterator();
            if (!oldest.hasNext()) {
                announcing--;
                return;
            }
            Map.Entry<Cid, Long> first = oldest.next();
            long now = time.nanoTime();
            long due = Math.min(lastFetchNanos + quietNanos, first.getValue() + maxDelayNanos);
            if (now < due) {
                announcing--;
                if (wake == null) {
                    try {
                        wake = time.schedule(Duration.ofNanos(due - now), this::resume);
                    } catch (RejectedExecutionException stopping) {
                        // the node is stopping: what waits is announced by the next start's reprovider
                    }
                }
                return;
            }
            next = first.getKey();
            oldest.remove();
        }
        ContentRouting announcer = routing.get();
        if (announcer == null) {
            continueOnWorker();
            return;
        }
        synchronized (this) {
            announced++;
        }
        try {
            announcer.provide(next).whenComplete((ok, failed) -> announced(next, failed));
        } catch (RuntimeException e) {
            announced(next, e);
        }
    }

    /** The hold ended: as many announcements start as may run at once and have CIDs waiting. */
    private void resume() {
        int start;
        synchronized (this) {
            wake = null;
            start = Math.max(0, Math.min(inFlight - announcing, waiting.size()));
            announcing += start;
        }
        for (int i = 0; i < start; i++) {
            continueOnWorker();
        }
    }
    private void announced(Cid cid, Throwable failed) {
        if (failed != null) {
            LOG.log(System.Logger.Level.DEBUG, "announcing {0} failed: {1}", cid, failed.getMessage());
        }
        continueOnWorker();
    }

    /** CIDs waiting, announcements under way, announcements started and CIDs dropped because the queue was full. */
    synchronized Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provide_queue_waiting", waiting.size());
        out.put("provide_queue_announcing", announcing);
        out.put("provide_queue_announced", announced);
        out.put("provide_queue_dropped", dropped);
        return out;
    }
}
