package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Relays a DHT query's events to a JSON stream on the command's thread while the query runs: the query's listener only
 * queues them (at most {@link #CAPACITY} waiting; more are dropped while the client reads slowly), a deadline or a
 * client gone cancels the query.
 */
final class EventPump implements QueryListener {

    /** Events waiting to be sent at most. */
    static final int CAPACITY = 1024;

    private final BlockingQueue<Optional<Map<String, Object>>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Function<QueryEvent, Optional<Map<String, Object>>> relay;

    /** A pump that sends every event as kubo's JSON. */
    EventPump() {
        this(event -> Optional.of(QueryEvents.json(event)));
    }

    /** A pump that sends what {@code relay} makes of each event (nothing when empty). */
    EventPump(Function<QueryEvent, Optional<Map<String, Object>>> relay) {
        this.relay = relay;
    }

    @Override
    public void event(QueryEvent event) {
        Optional<Map<String, Object>> json = relay.apply(event);
        if (json.isPresent() && waiting.incrementAndGet() <= CAPACITY) {
            queue.add(json);
        } else if (json.isPresent()) {
            waiting.decrementAndGet();
        }
    }

    /**
     * Sends the events to {@code out} until the query ends (or the deadline, if positive, passes: then the query is
     * cancelled and this fails with TimeoutException) and returns its result; the query's failure is thrown as the
     * ExecutionException's cause. A client gone (IOException) or an interrupt cancels the query.
     */
    <T> T run(CompletableFuture<T> query, RpcResponse.JsonStream out, Duration deadline)
            throws IOException, ExecutionException, TimeoutException {
        query.whenComplete((ok, error) -> queue.add(Optional.empty()));
        long end = deadline.isZero() ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    query.cancel(true);
                    throw new TimeoutException("the query did not end within " + deadline.toSeconds() + " s");
                }
                Optional<Map<String, Object>> next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    continue;
                }
                if (next.isEmpty()) {
                    return query.get();
                }
                waiting.decrementAndGet();
                out.send(next.get());
            }
        } catch (InterruptedException e) {
            query.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while querying the DHT");
        } catch (CancellationException e) {
            throw new InterruptedIOException("the DHT query was cancelled");
        } catch (IOException | RuntimeException e) {
            query.cancel(true);
            throw e;
        }
    }
}
