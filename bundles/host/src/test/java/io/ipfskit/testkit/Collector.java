package io.ipfskit.testkit;

import io.ipfskit.api.protocol.StreamListener;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/** A stream listener that collects bytes; {@link #closed} completes with all of them when the remote closes. */
public final class Collector implements StreamListener {

    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    /** Completes with everything received once the remote half-closes; fails on reset. */
    public final CompletableFuture<byte[]> closed = new CompletableFuture<>();

    @Override
    public synchronized void onData(byte[] bytes) {
        data.writeBytes(bytes);
    }

    @Override
    public synchronized void onRemoteClose() {
        closed.complete(data.toByteArray());
    }

    @Override
    public void onReset() {
        closed.completeExceptionally(new java.io.IOException("stream reset"));
    }

    /** What arrived so far. */
    public synchronized byte[] received() {
        return data.toByteArray();
    }
}
