package io.ipfskit.dht.kad.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryEventType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay of a query's events: bounded while nobody reads, the query's result or failure, deadline and client gone. */
@Timeout(30)
class EventPumpTest {

    private static final QueryEvent EVENT = new QueryEvent(QueryEventType.SENDING_QUERY, null, List.of(), "");

    @Test
    void holdsAtMostItsCapacityWhileTheClientIsNotRead() throws Exception {
        EventPump pump = new EventPump();
        for (int i = 0; i < EventPump.CAPACITY * 3; i++) {
            pump.event(EVENT);
        }
        List<Object> sent = new ArrayList<>();
        assertEquals("done", pump.run(CompletableFuture.completedFuture("done"), sent::add, Duration.ZERO));
        assertEquals(EventPump.CAPACITY, sent.size());
    }

    @Test
    void relaysEventsThenTheResultOrTheFailure() throws Exception {
        EventPump pump = new EventPump(e -> e.type() == QueryEventType.FINAL_PEER ? Optional.empty()
                : Optional.of(QueryEvents.json(e)));
        CompletableFuture<String> query = new CompletableFuture<>();
        List<Object> sent = new ArrayList<>();
        new Thread(() -> {
            pump.event(EVENT);
            pump.event(new QueryEvent(QueryEventType.FINAL_PEER, null, List.of(), ""));
            query.complete("result");
        }).start();
        assertEquals("result", pump.run(query, sent::add, Duration.ofSeconds(20)));
        assertEquals(List.of(Map.of("ID", "", "Type", 0, "Extra", "")), sent.stream().map(m -> {
            Map<?, ?> json = (Map<?, ?>) m;
            assertTrue(json.containsKey("Responses") && json.get("Responses") == null, "Go's nil slice");
            return Map.of("ID", json.get("ID"), "Type", json.get("Type"), "Extra", json.get("Extra"));
        }).toList());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> new EventPump()
                .run(CompletableFuture.failedFuture(new IllegalStateException("no peers")), v -> { }, Duration.ZERO));
        assertEquals("no peers", failed.getCause().getMessage());
    }

    @Test
    void aDeadlineOrAClientGoneCancelsTheQuery() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        assertThrows(TimeoutException.class, () -> new EventPump().run(slow, v -> { }, Duration.ofMillis(200)));
        assertTrue(slow.isCancelled());

        CompletableFuture<String> running = new CompletableFuture<>();
        EventPump pump = new EventPump();
        pump.event(EVENT);
        assertThrows(IOException.class, () -> pump.run(running, v -> {
            throw new IOException("broken pipe");
        }, Duration.ZERO));
        assertTrue(running.isCancelled());
    }
}
