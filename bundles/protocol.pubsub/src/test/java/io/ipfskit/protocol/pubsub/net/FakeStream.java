package io.ipfskit.protocol.pubsub.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A stream whose writes complete only when the test says so; records writes and resets. */
final class FakeStream implements Stream {

    final List<byte[]> written = new ArrayList<>();
    final List<CompletableFuture<Void>> pending = new ArrayList<>();
    boolean reset;
    private final PeerId peer = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());

    @Override
    public PeerId remotePeer() {
        return peer;
    }

    @Override
    public String protocolId() {
        return "/meshsub/1.1.0";
    }

    @Override
    public synchronized CompletionStage<Void> write(byte[] data) {
        written.add(data);
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        return done;
    }

    /** Completes the oldest pending write. */
    void completeOne() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = pending.remove(0);
        }
        next.complete(null);
    }

    @Override
    public void closeWrite() {
    }

    @Override
    public void reset() {
        reset = true;
    }
}
