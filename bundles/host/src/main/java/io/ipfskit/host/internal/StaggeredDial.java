package io.ipfskit.host.internal;

import io.ipfskit.api.net.Connection;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Dials one peer's addresses in {@link DialRanking} order: the next starts when every running dial has failed, or
 * earlier after the ranking's delay; the first connection completes the result and any later one is closed.
 */
final class StaggeredDial {

    private final List<Multiaddr> addresses;
    private final Function<Multiaddr, CompletionStage<? extends Connection>> attempt;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<Connection> result;
    private int next;
    private int running;
    private Throwable last;

    StaggeredDial(List<Multiaddr> addresses, Function<Multiaddr, CompletionStage<? extends Connection>> attempt,
            ScheduledExecutorService timer, CompletableFuture<Connection> result) {
        this.addresses = DialRanking.rank(addresses);
        this.attempt = attempt;
        this.timer = timer;
        this.result = result;
    }

    /** Starts the first dial (or fails at once when there is no address). */
    void start() {
        if (addresses.isEmpty()) {
            result.completeExceptionally(new IOException("no known address"));
            return;
        }
        startNext();
    }

    private void startNext() {
        Multiaddr address;
        synchronized (this) {
            if (result.isDone() || next >= addresses.size()) {
                return;
            }
            address = addresses.get(next++);
            running++;
            if (next < addresses.size()) {
                DialRanking.delay(address, addresses.get(next)).ifPresent(this::startNextAfter);
            }
        }
        CompletionStage<? extends Connection> dial;
        try {
            dial = attempt.apply(address);
        } catch (RuntimeException e) {
            dial = CompletableFuture.failedFuture(e);
        }
        dial.whenComplete(this::finished);
    }

    /** Starts the next dial after the delay; a timer already shut down (the host closing) leaves it to a failure. */
    private void startNextAfter(Duration delay) {
        try {
            timer.schedule(this::startNext, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the host is closing: its dials fail
        }
    }

    private void finished(Connection connection, Throwable error) {
        if (error == null) {
            if (!result.complete(connection)) {
                connection.close();
            }
            synchronized (this) {
                running--;
            }
            return;
        }
        boolean startAnother;
        synchronized (this) {
            running--;
            last = error;
            startAnother = next < addresses.size();
            if (!startAnother && running == 0) {
                result.completeExceptionally(last);
            }
        }
        if (startAnother) {
            startNext();
        }
    }
}
