package io.ipfskit.routing.blocks;

import io.ipfskit.multiformats.Cid;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One block wanted from the exchange by a session: its own future (cancelling it cancels the want), when it started,
 * whether a reader waits for it (from the start, unless it is a prefetch), and a once-only flag for counting its
 * outcome.
 */
final class Fetch {

    final Cid cid;
    final long startNanos;
    final boolean prefetch;
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    volatile boolean awaited;
    private final AtomicBoolean counted = new AtomicBoolean();

    Fetch(Cid cid, long startNanos, boolean prefetch) {
        this.cid = cid;
        this.startNanos = startNanos;
        this.prefetch = prefetch;
        this.awaited = !prefetch;
    }

    /** True the first time only: the outcome is counted once. */
    boolean count() {
        return counted.compareAndSet(false, true);
    }
}
