package io.ipfskit.routing.concurrent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Time that moves only when a test advances it; tasks that fall due run in the advancing thread, in due order. */
public final class ManualTime implements Time {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final class Task implements Scheduled {
        final long due;
        final Runnable action;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualTime.this) {
                tasks.remove(this);
            }
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nanos;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return START.plusNanos(nanos);
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(nanos + delay.toNanos(), task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves time forward, running each task that falls due at its due time. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nanos + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target).min((a, b) -> Long.compare(a.due, b.due)).orElse(null);
                if (next == null) {
                    nanos = target;
                    return;
                }
                tasks.remove(next);
                nanos = next.due;
            }
            next.action.run();
        }
    }

    /** Tasks scheduled and not yet run or cancelled. */
    public synchronized int pending() {
        return tasks.size();
    }
}
