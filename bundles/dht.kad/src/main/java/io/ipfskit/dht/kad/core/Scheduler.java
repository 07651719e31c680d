package io.ipfskit.dht.kad.core;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The DHT's clock and its one place to run work: a thread pool on the real network, a discrete-event loop in the
 * simulation (where time only moves between events). Everything the DHT's logic does after an answer arrives runs
 * through {@link #execute}, never on the thread that completed the answer.
 */
public interface Scheduler extends Executor {

    /** Milliseconds since the epoch, as this scheduler tells time. */
    long now();

    /** Runs the task after the delay; cancelling the result stops it if it has not run. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Stops the task if it has not run. */
        void cancel();
    }
}
