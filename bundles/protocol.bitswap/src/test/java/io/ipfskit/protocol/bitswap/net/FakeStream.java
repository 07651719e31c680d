package io.ipfskit.protocol.bitswap.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.FrameReader;
import io.ipfskit.protocol.bitswap.message.MalformedMessageException;
import io.ipfskit.protocol.bitswap.message.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A stream whose writes complete only when the test says so; it decodes what was written. */
public final class FakeStream implements Stream {

    private final PeerId peer;
    private final String protocol;
    private final FrameReader frames = new FrameReader();
    private final List<BitswapMessage> messages = new ArrayList<>();
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private boolean reset;

    public FakeStream(PeerId peer, String protocol) {
        this.peer = peer;
        this.protocol = protocol;
    }

    /** A link to the peer over this stream. */
    public PeerLink link() {
        return new PeerLink(peer, link -> CompletableFuture.completedFuture(this), e -> { });
    }

    @Override
    public PeerId remotePeer() {
        return peer;
    }

    @Override
    public String protocolId() {
        return protocol;
    }

    @Override
    public synchronized CompletionStage<Void> write(byte[] data) {
        try {
            frames.feed(data, frame -> {
                try {
                    messages.add(MessageCodec.decode(frame));
                } catch (MalformedMessageException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (MalformedMessageException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        writes.add(done);
        return done;
    }

    /** Completes the oldest write not completed yet. */
    public void completeWrite() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = writes.stream().filter(w -> !w.isDone()).findFirst().orElseThrow();
        }
        next.complete(null);
    }

    /** Writes not completed yet. */
    public synchronized long pendingWrites() {
        return writes.stream().filter(w -> !w.isDone()).count();
    }

    /** The messages written so far. */
    public synchronized List<BitswapMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void closeWrite() {
    }

    @Override
    public synchronized void reset() {
        reset = true;
    }

    public synchronized boolean wasReset() {
        return reset;
    }
}
