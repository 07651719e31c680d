package io.ipfskit.gateway;

import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.Blockstore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens each request's {@link Retrieval} over the node's block service (when one runs) and watches the open ones:
 * every {@link #CHECK_MILLIS} ms a block waited on longer than the retrieval timeout ends its request's session.
 */
final class Retrievals implements AutoCloseable {

    static final long CHECK_MILLIS = 100;

    private final Blockstore local;
    private final Supplier<BlockService> service;
    private final Set<Retrieval> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ipfskit-gateway-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration timeout;

    /** Retrievals over the local store and the service of the moment (null when none runs). */
    Retrievals(Blockstore local, Supplier<BlockService> service, Duration timeout) {
        this.local = local;
        this.service = service;
        this.timeout = timeout;
        watchdog.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Applies to the retrievals opened from now on. */
    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** A retrieval for one request; {@code offline}: local blocks only (only-if-cached). Release it when done. */
    Retrieval open(boolean offline) {
        BlockService current = service.get();
        FetchOptions options = new FetchOptions(Duration.ZERO, offline, Long.MAX_VALUE);
        Retrieval retrieval = new Retrieval(current == null ? null : current.session(options), local, timeout);
        open.add(retrieval);
        return retrieval;
    }

    /** Closes the retrieval and stops watching it. */
    void release(Retrieval retrieval) {
        open.remove(retrieval);
        retrieval.close();
    }

    /** How many retrievals are open. */
    int openCount() {
        return open.size();
    }

    private void check() {
        long now = System.nanoTime();
        open.forEach(retrieval -> retrieval.stalled(now));
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        open.forEach(this::release);
    }
}
