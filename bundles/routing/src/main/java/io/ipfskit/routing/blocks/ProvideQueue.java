package io.ipfskit.routing.blocks;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.multiformats.Cid;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Announces fetched blocks in the background, as boxo's provider queue does: {@link #offer} only records the CID (a
 * CID already waiting is not queued twice), and a worker announces what waits, oldest first, with at most
 * {@code inFlight} announcements at once. At most {@code capacity} CIDs wait; one offered beyond that is dropped and
 * counted (the reprovider announces every stored block on its next run), so a fast fetch never waits for the DHT and
 * never grows the queue without bound. Thread-safe.
 */
final class ProvideQueue {

    private static final System.Logger LOG = System.getLogger(ProvideQueue.class.getName());

    private final Supplier<ContentRouting> routing;
    private final Executor worker;
    private final int capacity;
    private final int inFlight;
    private final Set<Cid> waiting = new LinkedHashSet<>();
    private int announcing;
    private long announced;
    private long dropped;

    /** Announces through what {@code routing} supplies (nothing while it supplies null), on {@code worker}. */
    ProvideQueue(Supplier<ContentRouting> routing, Executor worker, int capacity, int inFlight) {
        if (capacity < 1 || inFlight < 1) {
            throw new IllegalArgumentException("capacity and in-flight announcements must be positive");
        }
        this.routing = routing;
        this.worker = worker;
        this.capacity = capacity;
        this.inFlight = inFlight;
    }

    /** Queues the CID for announcement unless it waits already; drops it when the queue is full. */
    void offer(Cid cid) {
        synchronized (this) {
            if (waiting.contains(cid)) {
                return;
            }
            if (waiting.size() >= capacity) {
                dropped++;
                return;
            }
            waiting.add(cid);
            if (announcing >= inFlight) {
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

    /** Announces the oldest waiting CID; when that completes, the next one, until none waits. */
    private void announceNext() {
        Cid next;
        synchronized (this) {
            Iterator<Cid> oldest = waiting.iterator();
            if (!oldest.hasNext()) {
                announcing--;
                return;
            }
            next = oldest.next();
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

    private void announced(Cid cid, Throwable failed) {
        if (failed != null) {
            LOG.log(System.Logger.Level.DEBUG, "announcing {0} failed: {1}", cid, failed.getMessage());
        }
        continueOnWorker();
    }

    /** CIDs waiting, announcements started and CIDs dropped because the queue was full. */
    synchronized Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provide_queue_waiting", waiting.size());
        out.put("provide_queue_announced", announced);
        out.put("provide_queue_dropped", dropped);
        return out;
    }
}
