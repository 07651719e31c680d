package io.ipfskit.protocol.pubsub.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.LengthPrefixedFrames;
import io.ipfskit.protocol.pubsub.wire.MalformedRpcException;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Reads a peer's inbound pubsub stream: frames (at most {@link RpcCodec#MAX_RPC} bytes each), decodes and hands each
 * RPC to the router through {@code handler}, which must call the given {@code Runnable} once the RPC is handled. At most
 * {@link #MAX_PENDING} RPCs of one stream wait for the router; beyond that the listener blocks, so the stream's window
 * holds the peer back. A malformed frame resets the stream and is reported.
 */
public final class InboundReader implements StreamListener {

    /** RPCs of one stream waiting for the router at most. */
    public static final int MAX_PENDING = 32;

    /** Takes a decoded RPC; calls {@code done} once handled. */
    public interface Handler {
        void rpc(Rpc rpc, Runnable done);
    }

    private final Stream stream;
    private final Handler handler;
    private final Consumer<String> malformed;
    private final Runnable ended;
    private final LengthPrefixedFrames<MalformedRpcException> frames = new LengthPrefixedFrames<>(RpcCodec.MAX_RPC,
            MalformedRpcException::new);
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private boolean failed;

    /** Reads the stream; {@code malformed} hears why a stream was reset, {@code ended} that the stream is over. */
    public InboundReader(Stream stream, Handler handler, Consumer<String> malformed, Runnable ended) {
        this.stream = stream;
        this.handler = handler;
        this.malformed = malformed;
        this.ended = ended;
    }

    @Override
    public void onData(byte[] data) {
        if (failed) {
            return;
        }
        try {
            frames.feed(data, this::frame);
        } catch (MalformedRpcException | IllegalStateException e) {
            failed = true;
            malformed.accept(e.getMessage());
            stream.reset();
            ended.run();
        }
    }

    private void frame(byte[] body) {
        Rpc rpc;
        try {
            rpc = RpcCodec.decode(body);
        } catch (MalformedRpcException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            pending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the router", e);
        }
        handler.rpc(rpc, pending::release);
    }

    @Override
    public void onRemoteClose() {
        stream.closeWrite();
        ended.run();
    }

    @Override
    public void onReset() {
        ended.run();
    }
}
