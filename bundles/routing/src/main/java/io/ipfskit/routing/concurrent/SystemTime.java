package io.ipfskit.routing.concurrent;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The system clocks and one daemon timer thread; close it when the owning component stops. */
public final class SystemTime implements Time, AutoCloseable {

    private final ScheduledExecutorService timer;

    /** A timer thread with the given name. */
    public SystemTime(String threadName) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Stops the timer; pending tasks never run. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
