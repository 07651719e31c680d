package io.ipfskit.host.internal;

import io.ipfskit.api.net.spi.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs multistream-select on a muxed stream; on agreement hands the protocol and the bytes that followed it to
 * {@code onAgreed}, on failure resets the stream and reports why. Buffers at most one partial message; what it reads
 * is reported consumed at once, except the bytes that followed the agreement (whoever takes them reports them).
 */
final class StreamNegotiation implements MuxedStream.Handler {

    private final MuxedStream stream;
    private final Negotiator negotiator;
    private final BiConsumer<String, ByteBuf> onAgreed;
    private final Consumer<IOException> onFailure;
    private final ByteBuf buffer = ByteBufAllocator.DEFAULT.heapBuffer();
    private boolean done;

    StreamNegotiation(MuxedStream stream, Negotiator negotiator, BiConsumer<String, ByteBuf> onAgreed,
            Consumer<IOException> onFailure) {
        this.stream = stream;
        this.negotiator = negotiator;
        this.onAgreed = onAgreed;
        this.onFailure = onFailure;
    }

    /** Sends the opening messages and starts listening on the stream. */
    void start() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        negotiator.start(out);
        send(out);
        stream.handler(this);
    }

    /** Gives up (on timeout): resets the stream unless agreement was reached. */
    void abandon(String reason) {
        fail(new IOException(reason), true);
    }

    @Override
    public void onData(ByteBuf data) {
        if (done) {
            data.release();
            return;
        }
        int length = data.readableBytes();
        buffer.writeBytes(data);
        data.release();
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        String agreed;
        try {
            agreed = negotiator.feed(buffer, out);
        } catch (ProtocolException e) {
            out.release();
            fail(e, true);
            return;
        }
        send(out);
        buffer.discardReadBytes();
        stream.consumed(agreed == null ? length : Math.max(0, length - buffer.readableBytes()));
        if (agreed != null) {
            done = true;
            try {
                onAgreed.accept(agreed, buffer);
            } finally {
                buffer.release();
            }
        }
    }

    @Override
    public void onRemoteClose() {
        fail(new IOException("stream closed during protocol negotiation"), true);
    }

    @Override
    public void onReset() {
        fail(new IOException("stream reset during protocol negotiation"), false);
    }

    private void fail(IOException reason, boolean reset) {
        if (!done) {
            done = true;
            buffer.release();
            if (reset) {
                stream.reset();
            }
            onFailure.accept(reason);
        }
    }

    private void send(ByteBuf out) {
        if (out.isReadable()) {
            stream.write(out);
        } else {
            out.release();
        }
    }
}
