package io.ipfskit.protocol.bitswap.testing;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A content routing double: the same providers for every CID, a fixed preference order, and a record of every report. */
public final class FakeRouting implements ContentRouting {

    public final List<PeerInfo> providers = new CopyOnWriteArrayList<>();
    public final List<PeerId> preferred = new CopyOnWriteArrayList<>();
    public final List<Cid> searched = new CopyOnWriteArrayList<>();
    public final Map<PeerId, Long> successBytes = new ConcurrentHashMap<>();
    public final List<PeerId> failures = new CopyOnWriteArrayList<>();
    public final List<PeerId> misbehaving = new CopyOnWriteArrayList<>();
    /** The peers the last {@link #rank} call was given. */
    public volatile List<PeerId> lastRanked = List.of();

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        searched.add(cid);
        providers.stream().limit(limit).forEach(provider);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> provide(Cid cid) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void recordSuccess(PeerId peer, Duration latency, long bytes) {
        successBytes.merge(peer, bytes, Long::sum);
    }

    @Override
    public void recordFailure(PeerId peer) {
        failures.add(peer);
    }

    @Override
    public void recordMisbehaviour(PeerId peer, String reason) {
        misbehaving.add(peer);
    }

    @Override
    public List<PeerId> rank(Collection<PeerId> peers) {
        lastRanked = List.copyOf(peers);
        List<PeerId> out = new ArrayList<>();
        preferred.stream().filter(peers::contains).forEach(out::add);
        peers.stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }
}
