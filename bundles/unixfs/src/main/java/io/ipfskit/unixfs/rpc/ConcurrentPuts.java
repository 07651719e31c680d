package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.BlockSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands an import's blocks to a sink on {@link #WINDOW} threads, so that their durable writes (each synced) run at once
 * and the file system commits their syncs together; at most {@link #WINDOW} blocks are in flight (a put waits for a
 * free slot), {@link #drain()} returns once every block handed over is stored and rethrows the first failure, and
 * {@link #close()} waits for what is in flight before it returns. Blocks may land in any order (a parent before its
 * children): what an add acknowledges is drained first.
 */
final class ConcurrentPuts implements BlockSink, AutoCloseable {

    /** Blocks stored at once, and the most held in memory waiting. */
    static final int WINDOW = 16;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final BlockSink sink;
    private final ExecutorService threads;
    private final Semaphore free = new Semaphore(WINDOW);
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Puts into {@code sink} from threads of their own. */
    ConcurrentPuts(BlockSink sink) {
        this.sink = sink;
        String name = "add-store-" + POOLS.incrementAndGet();
        this.threads = Executors.newFixedThreadPool(WINDOW, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the block once a slot is free; fails with an earlier put's failure. */
    @Override
    public void put(Cid cid, byte[] block) throws IOException {
        submit(() -> sink.put(cid, block));
    }

    /** Queues a block hashed here, handed on as such (not hashed again); as {@link #put(Cid, byte[])}. */
    @Override
    public void put(VerifiedBlock block) throws IOException {
        submit(() -> sink.put(block));
    }

    /** A put to run on a thread of the pool. */
    @FunctionalInterface
    private interface Put {
        void run() throws IOException;
    }

    private void submit(Put put) throws IOException {
        rethrow();
        acquire(1);
        threads.execute(() -> {
            try {
                put.run();
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                free.release();
            }
        });
    }

    /** Waits until every block handed over is stored; rethrows the first failure. */
    void drain() throws IOException {
        acquire(WINDOW);
        free.release(WINDOW);
        rethrow();
    }

    /** Waits for the puts in flight (they run under the caller's GC hold) and stops the threads. */
    @Override
    public void close() throws IOException {
        try {
            acquire(WINDOW);
            free.release(WINDOW);
        } finally {
            threads.shutdown();
        }
    }

    private void acquire(int permits) throws InterruptedIOException {
        try {
            free.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing blocks");
        }
    }

    private void rethrow() throws IOException {
        Exception first = failure.get();
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }
}
