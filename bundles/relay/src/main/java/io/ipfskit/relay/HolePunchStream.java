package io.ipfskit.relay;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.LengthPrefixedFrames;
import io.ipfskit.relay.wire.HolePunchCodec;
import io.ipfskit.relay.wire.HolePunchMessage;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code /libp2p/dcutr} stream as a sequence of messages: {@link #next} waits (bounded) for the next one. At most
 * {@link #MAX_QUEUED} unread messages are held (more, or a malformed one, resets the stream); the stream ending fails
 * the wait.
 */
final class HolePunchStream implements StreamListener {

    /** Unread messages held; the protocol never has more than one in flight. */
    static final int MAX_QUEUED = 2;

    private final Stream stream;
    private final LengthPrefixedFrames<RelayProtocolException> frames =
            new LengthPrefixedFrames<>(RelayCodec.MAX_MESSAGE, RelayProtocolException::new);
    private final Deque<HolePunchMessage> queued = new ArrayDeque<>();
    private CompletableFuture<HolePunchMessage> waiting;
    private IOException ended;

    HolePunchStream(Stream stream) {
        this.stream = stream;
    }

    /** Sends a message. */
    void send(HolePunchMessage message) {
        stream.write(RelayCodec.frame(HolePunchCodec.encode(message)));
    }

    /** The next message, or a failure once the stream ended or {@code within} passed. */
    synchronized CompletableFuture<HolePunchMessage> next(Duration within) {
        CompletableFuture<HolePunchMessage> out = new CompletableFuture<>();
        if (!queued.isEmpty()) {
            out.complete(queued.poll());
        } else if (ended != null) {
            out.completeExceptionally(ended);
        } else {
            waiting = out;
        }
        return out.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the exchange: resets the stream. */
    void reset() {
        end(new IOException("reset by us"));
        stream.reset();
    }

    /** Ends our side of the exchange politely. */
    void close() {
        stream.closeWrite();
    }

    @Override
    public synchronized void onData(byte[] data) {
        List<byte[]> bodies = new ArrayList<>();
        try {
            frames.feed(data, bodies::add);
            for (byte[] body : bodies) {
                HolePunchMessage message = HolePunchCodec.decode(body);
                if (waiting != null && !waiting.isDone()) {
                    waiting.complete(message);
                } else if (queued.size() < MAX_QUEUED) {
                    queued.add(message);
                } else {
                    throw new RelayProtocolException("more than " + MAX_QUEUED + " unread DCUtR messages");
                }
            }
        } catch (RelayProtocolException e) {
            end(e);
            stream.reset();
        }
    }

    @Override
    public void onRemoteClose() {
        end(new EOFException("the peer closed the DCUtR stream"));
    }

    @Override
    public void onReset() {
        end(new IOException("the peer reset the DCUtR stream"));
    }

    private synchronized void end(IOException error) {
        if (ended == null) {
            ended = error;
        }
        if (waiting != null) {
            waiting.completeExceptionally(error);
        }
    }
}
