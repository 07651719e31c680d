package io.ipfskit.routing.concurrent;

import java.time.Duration;
import java.time.Instant;

/**
 * The time the routing components see: a monotonic clock, the wall clock for reports, and delayed tasks; tests drive
 * it by hand.
 */
public interface Time {

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The current instant, for reports only. */
    Instant now();

    /** Runs the task once after the delay (on a timer thread: the task must be short); the handle cancels it. */
    Scheduled schedule(Duration delay, Runnable task);

    /** A task that has not run yet. */
    interface Scheduled {

        /** Prevents the task from running if it has not started. */
        void cancel();
    }
}
