package io.ipfskit.routing.blocks;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.routing.manager.DagAffinity;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records what the block service announces (holding announcements open if asked) and which blocks it relates to which root. */
final class RecordingRouting implements ContentRouting, DagAffinity {

    final List<Cid> announced = new CopyOnWriteArrayList<>();
    final List<List<Cid>> related = new CopyOnWriteArrayList<>();
    /** The announcements not completed yet while {@link #holding}, in order. */
    final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    /** Whether announcements stay incomplete until the test completes them. */
    volatile boolean holding;

    @Override
    public CompletionStage<Void> provide(Cid cid) {
        announced.add(cid);
        if (!holding) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> announcement = new CompletableFuture<>();
        held.add(announcement);
        return announcement;
    }

    @Override
    public void relate(Cid block, Cid root) {
        related.add(List.of(block, root));
    }

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        throw new UnsupportedOperationException("the block service never searches");
    }

    @Override
    public void recordSuccess(PeerId peer, Duration latency, long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordFailure(PeerId peer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordMisbehaviour(PeerId peer, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<PeerId> rank(Collection<PeerId> peers) {
        throw new UnsupportedOperationException();
    }
}
