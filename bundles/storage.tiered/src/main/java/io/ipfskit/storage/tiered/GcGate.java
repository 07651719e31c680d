package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.GcLock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kubo's GC lock without thread ownership: writers (adds, imports, pins, puts) take holds that may nest and cross
 * threads; an exclusive operation (GC, block removal) waits a bounded time for the holds to end and keeps new holds
 * waiting while it runs. Holds that arrive while an exclusive operation is only waiting are let in, so a hold taken
 * inside another hold can never deadlock; the exclusive side gives up with a clear error instead of starving them.
 */
final class GcGate {

    /** Something that runs with every hold released. */
    interface Exclusive<T> {
        T run() throws IOException;
    }

    private int holds;
    private boolean exclusive;

    /** Takes a hold, waiting while an exclusive operation runs. */
    GcLock hold() throws IOException {
        synchronized (this) {
            while (exclusive) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while garbage collection ran");
                }
            }
            holds++;
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                release();
            }
        };
    }

    /** Runs {@code work} once no hold is left (waiting up to {@code patience}), else fails naming what it is for. */
    <T> T exclusively(String what, Duration patience, Exclusive<T> work) throws IOException {
        synchronized (this) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (exclusive || holds > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException(what + ": waited " + patience.toSeconds() + " s for " + (exclusive
                            ? "another collection or removal" : holds + " add, import, pin or put in progress")
                            + " to finish; try again later");
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(what + ": interrupted");
                }
            }
            exclusive = true;
        }
        try {
            return work.run();
        } finally {
            synchronized (this) {
                exclusive = false;
                notifyAll();
            }
        }
    }

    /** The holds open now. */
    synchronized int holds() {
        return holds;
    }

    private synchronized void release() {
        holds--;
        notifyAll();
    }
}
