package io.ipfskit.api.exchange;

import io.ipfskit.multiformats.Cid;
import java.util.concurrent.CompletableFuture;

/**
 * One request's wants: blocks of a DAG are wanted from the same peers, and several may be wanted at once (a prefetch
 * window). Thread-safe; {@link #close} cancels every outstanding want and fails their futures.
 */
public interface ExchangeSession extends AutoCloseable {

    /**
     * Wants the block; the future completes with its bytes once a peer sent them, they matched the CID and they were
     * stored. Cancelling the future cancels the want (unless another future of the session wants the same block).
     */
    CompletableFuture<byte[]> get(Cid cid);

    /** Cancels every outstanding want of the session; their futures fail with a {@link java.util.concurrent.CancellationException}. */
    @Override
    void close();
}
