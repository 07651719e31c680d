package io.ipfskit.routing.manager;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A router the test drives: it reports and ends searches when told to (or at once, with a preset answer), and records
 * (or fails) announcements.
 */
public final class FakeRouter implements ContentRouter {

    final List<Cid> searched = new CopyOnWriteArrayList<>();
    /** What it was asked to announce. */
    public final List<Cid> announced = new CopyOnWriteArrayList<>();
    private volatile List<PeerInfo> answer;
    private volatile Consumer<PeerInfo> consumer;
    private volatile CompletableFuture<Void> search;
    private volatile RuntimeException announceFailure;

    @Override
    public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
        searched.add(cid);
        consumer = provider;
        search = new CompletableFuture<>();
        List<PeerInfo> preset = answer;
        if (preset != null) {
            preset.forEach(provider);
            search.complete(null);
        }
        return search;
    }

    @Override
    public CompletionStage<Void> provide(Cid cid) {
        announced.add(cid);
        RuntimeException failure = announceFailure;
        return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
    }

    /** Makes every later search report these providers and end at once. */
    public FakeRouter answer(List<PeerInfo> providers) {
        answer = List.copyOf(providers);
        return this;
    }

    /** Reports providers to the last search. */
    FakeRouter report(PeerInfo... providers) {
        for (PeerInfo provider : providers) {
            consumer.accept(provider);
        }
        return this;
    }

    /** Ends the last search. */
    void finish() {
        search.complete(null);
    }

    /** Fails the last search. */
    void fail(String message) {
        search.completeExceptionally(new IllegalStateException(message));
    }

    /** Whether the last search was cancelled. */
    boolean cancelled() {
        return search.isCancelled();
    }

    /** Makes announcements fail with this message. */
    public void failAnnouncements(String message) {
        announceFailure = new IllegalStateException(message);
    }
}
