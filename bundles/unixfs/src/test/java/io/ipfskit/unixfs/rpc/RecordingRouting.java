package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A content routing manager for tests that records what it is asked to announce and finds nothing. */
final class RecordingRouting implements ContentRouting {

    private final List<Cid> provided;

    RecordingRouting(List<Cid> provided) {
        this.provided = provided;
    }

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> provide(Cid cid) {
        provided.add(cid);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void recordSuccess(PeerId peer, Duration latency, long bytes) {
    }

    @Override
    public void recordFailure(PeerId peer) {
    }

    @Override
    public void recordMisbehaviour(PeerId peer, String reason) {
    }

    @Override
    public List<PeerId> rank(Collection<PeerId> peers) {
        return List.copyOf(peers);
    }
}
