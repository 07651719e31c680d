package io.ipfskit.relay;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.LengthPrefixedFrames;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a stream's first length-prefixed message (at most {@link RelayCodec#MAX_MESSAGE} bytes); every later byte,
 * including any that came with it, goes to the listener handed over next ({@link #handOver}), held until then up to
 * {@link #MAX_HELD} bytes (more resets the stream). A malformed message, or the stream ending first, fails
 * {@link #message()} and resets the stream.
 */
final class FirstMessage implements StreamListener {

    /** The most bytes held between the message and the hand-over. */
    static final int MAX_HELD = 64 * 1024;

    private final Stream stream;
    private final CompletableFuture<byte[]> message = new CompletableFuture<>();
    private final LengthPrefixedFrames<RelayProtocolException> frames =
            new LengthPrefixedFrames<>(RelayCodec.MAX_MESSAGE, RelayProtocolException::new);
    private final List<byte[]> held = new ArrayList<>();
    private int heldBytes;
    private boolean remoteClosed;
    private boolean reset;
    private StreamListener next;

    FirstMessage(Stream stream) {
        this.stream = stream;
    }

    /** Completes with the first message's body. */
    CompletableFuture<byte[]> message() {
        return message;
    }

    @Override
    public synchronized void onData(byte[] data) {
        if (next != null) {
            next.onData(data);
            return;
        }
        int i = 0;
        try {
            while (!message.isDone() && i < data.length) {
                frames.feed(new byte[] {data[i++]}, message::complete);
            }
        } catch (RelayProtocolException e) {
            fail(e);
            return;
        }
        if (i < data.length) {
            hold(Arrays.copyOfRange(data, i, data.length));
        }
    }

    private void hold(byte[] data) {
        heldBytes += data.length;
        if (heldBytes > MAX_HELD) {
            fail(new RelayProtocolException("more than " + MAX_HELD + " bytes before the relayed connection started"));
            return;
        }
        held.add(data);
    }

    @Override
    public synchronized void onRemoteClose() {
        if (next != null) {
            next.onRemoteClose();
        } else {
            remoteClosed = true;
            message.completeExceptionally(new EOFException("stream closed before its first message"));
        }
    }

    @Override
    public synchronized void onReset() {
        if (next != null) {
            next.onReset();
        } else {
            reset = true;
            message.completeExceptionally(new IOException("stream reset before its first message"));
        }
    }

    /** From now on the listener gets what arrives, starting with what was held. */
    synchronized void handOver(StreamListener listener) {
        next = listener;
        held.forEach(listener::onData);
        held.clear();
        if (reset) {
            listener.onReset();
        } else if (remoteClosed) {
            listener.onRemoteClose();
        }
    }

    /** Gives up on the stream: resets it. */
    void abort() {
        fail(new IOException("aborted"));
    }

    private synchronized void fail(IOException error) {
        message.completeExceptionally(error);
        held.clear();
        stream.reset();
    }
}
