package io.ipfskit.dht.kad.host;

import io.ipfskit.dht.kad.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DHT's scheduler on a real network: the wall clock and a small pool of daemon threads; close it to stop them
 * (work handed over after that is dropped, as the DHT it served is gone).
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor pool;

    /** A pool of {@code threads} threads named {@code name-N}. */
    public ExecutorScheduler(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long now() {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = pool.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException closed) {
            return () -> { };
        }
    }

    @Override
    public void execute(Runnable command) {
        try {
            pool.execute(command);
        } catch (RejectedExecutionException closed) {
            // closed: the DHT is gone
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
