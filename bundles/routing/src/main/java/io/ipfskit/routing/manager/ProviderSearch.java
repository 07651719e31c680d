package io.ipfskit.routing.manager;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.PeerId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One findProviders call: hands each provider to the consumer at most once (one call at a time), up to the limit, and
 * ends when every router's search has ended, the limit is reached, {@link #end} is called (the deadline) or the caller
 * cancels its future; an ended search cancels the routers' searches still running and reports nothing more.
 */
final class ProviderSearch {

    private final int limit;
    private final Consumer<PeerInfo> consumer;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Set<PeerId> reported = new HashSet<>();

    ProviderSearch(int limit, Consumer<PeerInfo> consumer) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        this.consumer = consumer;
    }

    /** Completes when the search ends; cancelling it ends the search. */
    CompletableFuture<Void> future() {
        return done;
    }

    boolean ended() {
        return done.isDone();
    }

    /** Reports the provider unless it was reported already or the search ended; a failing consumer fails the search. */
    synchronized boolean report(PeerInfo provider) {
        if (done.isDone() || !reported.add(provider.peerId())) {
            return false;
        }
        try {
            consumer.accept(provider);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return false;
        }
        if (reported.size() >= limit) {
            done.complete(null);
        }
        return true;
    }

    /** Providers reported so far. */
    synchronized int count() {
        return reported.size();
    }

    /** Ends the search when every one of the routers' searches has ended; ending first cancels those still running. */
    void follow(List<CompletionStage<Void>> searches) {
        List<CompletableFuture<Void>> futures = searches.stream().map(ProviderSearch::future).toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ok, failed) -> end());
        done.whenComplete((ok, failed) -> futures.forEach(f -> f.cancel(true)));
    }

    /** Ends the search now. */
    void end() {
        done.complete(null);
    }

    private static CompletableFuture<Void> future(CompletionStage<Void> stage) {
        try {
            return stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            CompletableFuture<Void> copy = new CompletableFuture<>();
            stage.whenComplete((ok, failed) -> copy.complete(null));
            return copy;
        }
    }
}
