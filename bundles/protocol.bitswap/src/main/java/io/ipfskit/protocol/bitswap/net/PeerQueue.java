package io.ipfskit.protocol.bitswap.net;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One peer's work, run in arrival order, one task at a time, on a shared pool; the input bytes its queued tasks hold are
 * bounded (until streams can pause, a peer that sends faster than we process is refused, not buffered).
 */
final class PeerQueue {

    private static final System.Logger LOG = System.getLogger(PeerQueue.class.getName());
    /** Tasks run per turn before the peer yields the thread to others. */
    private static final int TURN = 16;

    private record Task(Runnable work, int bytes) {
    }

    private final Executor pool;
    private final long maxBytes;
    private final ArrayDeque<Task> tasks = new ArrayDeque<>();
    private long bytes;
    private boolean scheduled;

    PeerQueue(Executor pool, long maxBytes) {
        this.pool = pool;
        this.maxBytes = maxBytes;
    }

    /** Queues the task holding {@code size} input bytes; false (and nothing queued) when that would pass the bound. */
    boolean offer(Runnable work, int size) {
        synchronized (this) {
            if (bytes + size > maxBytes) {
                return false;
            }
            tasks.add(new Task(work, size));
            bytes += size;
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        schedule();
        return true;
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                bytes = 0;
                scheduled = false;
            }
        }
    }

    private void drain() {
        for (int i = 0; i < TURN; i++) {
            Task task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                task.work().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "bitswap task failed", e);
            } finally {
                synchronized (this) {
                    bytes -= task.bytes();
                }
            }
        }
        schedule();
    }
}
