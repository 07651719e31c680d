package io.ipfskit.dht.kad.host;

import io.ipfskit.api.net.Host;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.dht.kad.core.Scheduler;
import io.ipfskit.dht.kad.wire.FrameReader;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MalformedMessageException;
import io.ipfskit.dht.kad.wire.MessageCodec;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One request on a stream of its own, as go does: open (dialling if needed), write the request, close our side, read
 * one answer (none for a one-way message) within the timeout. A malformed answer, a reset or the timeout fails the
 * request and resets the stream; a peer that has answered but keeps its side open is reset after the timeout too.
 */
final class OutboundRequest implements StreamListener {

    private final CompletableFuture<KadMessage> answer = new CompletableFuture<>();
    private final FrameReader frames = new FrameReader();
    private final boolean expectsAnswer;
    private volatile Stream stream;
    private volatile boolean remoteClosed;

    private OutboundRequest(boolean expectsAnswer) {
        this.expectsAnswer = expectsAnswer;
    }

    /** Sends the request and completes with the answer; null answer for a one-way message once it was written. */
    static CompletableFuture<KadMessage> send(Host host, PeerId peer, String protocol, KadMessage request,
            boolean expectsAnswer, Duration timeout, Scheduler scheduler) {
        OutboundRequest r = new OutboundRequest(expectsAnswer);
        byte[] frame = MessageCodec.frame(request);
        Scheduler.Cancellable deadline = scheduler.schedule(timeout, () -> r.fail(new TimeoutException(
                "no answer from " + peer + " within " + timeout.toMillis() + " ms")));
        r.answer.whenComplete((a, e) -> {
            deadline.cancel();
            if (!r.remoteClosed) {
                scheduler.schedule(timeout, r::lingerOver);
            }
        });
        host.newStream(peer, List.of(protocol), s -> {
            r.stream = s;
            return r;
        }).whenComplete((s, error) -> {
            if (error != null) {
                r.fail(error);
                return;
            }
            s.write(frame).whenComplete((ok, writeError) -> {
                if (writeError != null) {
                    r.fail(writeError);
                } else if (!expectsAnswer) {
                    r.answer.complete(null);
                }
            });
            s.closeWrite();
        });
        return r.answer;
    }

    @Override
    public void onData(byte[] data) {
        if (!expectsAnswer || answer.isDone()) {
            return;
        }
        try {
            synchronized (frames) {
                frames.feed(data, body -> {
                    try {
                        answer.complete(MessageCodec.decode(body));
                    } catch (MalformedMessageException e) {
                        fail(e);
                    }
                });
            }
        } catch (MalformedMessageException e) {
            fail(e);
        }
    }

    @Override
    public void onRemoteClose() {
        remoteClosed = true;
        if (expectsAnswer) {
            answer.completeExceptionally(new IOException("the peer closed the stream without an answer"));
        }
    }

    @Override
    public void onReset() {
        answer.completeExceptionally(new IOException("the peer reset the stream"));
    }

    private void fail(Throwable error) {
        if (answer.completeExceptionally(error) && stream != null) {
            stream.reset();
        }
    }

    private void lingerOver() {
        Stream s = stream;
        if (s != null && !remoteClosed) {
            s.reset();
        }
    }
}
