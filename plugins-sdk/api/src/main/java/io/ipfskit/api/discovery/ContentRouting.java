package io.ipfskit.api.discovery;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's content routing manager: asks every registered {@link ContentRouter} at once, ranks providers by
 * reputation (score = 0.4 reputation + 0.4 success rate + 0.2 / (1 + latency in seconds)), keeps failing providers in
 * exponential backoff, caches what it found, and announces what the node provides through every router.
 */
@ProviderType
public interface ContentRouting {

    /**
     * Reports up to {@code limit} providers of the CID: cached ones first, best ranked first, then as routers find
     * them; peers in backoff are skipped. Completes when every router's search has ended, the limit is reached or the
     * search timed out; cancelling the returned stage's future ends the search.
     */
    CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider);

    /** Announces through every router that this node provides the CID (and remembers it for reproviding). */
    CompletionStage<Void> provide(Cid cid);

    /** The peer served a block of {@code bytes} bytes, {@code latency} after it was asked. */
    void recordSuccess(PeerId peer, Duration latency, long bytes);

    /** The peer did not serve what it was asked (a timeout, a broken connection); it backs off. */
    void recordFailure(PeerId peer);

    /** The peer misbehaved (sent a block that does not match, or was never wanted): its reputation drops sharply. */
    void recordMisbehaviour(PeerId peer, String reason);

    /** The peers best first by score; peers in backoff last. */
    List<PeerId> rank(Collection<PeerId> peers);
}
