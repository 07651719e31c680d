package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.storage.GcLock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GcGateTest {

    private final GcGate gate = new GcGate();

    @Test
    void anExclusiveOperationGivesUpWhileAHoldIsOpen() throws IOException {
        try (GcLock hold = gate.hold()) {
            IOException refused = assertThrows(IOException.class,
                    () -> gate.exclusively("repo gc", Duration.ofMillis(50), () -> true));
            assertTrue(refused.getMessage().startsWith("repo gc: waited"), refused.getMessage());
            assertTrue(refused.getMessage().contains("1 add, import, pin or put in progress"), refused.getMessage());
        }
        assertTrue(gate.exclusively("repo gc", Duration.ofMillis(50), () -> true), "runs once the hold is closed");
    }

    @Test
    void anExclusiveOperationRunsAsSoonAsTheLastHoldCloses() throws Exception {
        GcLock hold = gate.hold();
        CompletableFuture<Boolean> gc = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.exclusively("repo gc", Duration.ofSeconds(30), () -> gate.holds() == 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(gc.isDone());
        hold.close();
        hold.close();
        assertTrue(gc.get(30, TimeUnit.SECONDS), "ran with no hold open");
    }

    @Test
    void holdsWaitWhileAnExclusiveOperationRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean gcDone = new AtomicBoolean();
        CompletableFuture<Void> gc = CompletableFuture.runAsync(() -> {
            try {
                gate.exclusively("repo gc", Duration.ofSeconds(30), () -> {
                    running.countDown();
                    try {
                        finish.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    gcDone.set(true);
                    return null;
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(running.await(30, TimeUnit.SECONDS));
        CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> {
            try (GcLock hold = gate.hold()) {
                return gcDone.get();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(writer.isDone(), "the hold waits for the collection");
        finish.countDown();
        assertTrue(writer.get(30, TimeUnit.SECONDS), "the hold was granted only after the collection ended");
        gc.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aHoldTakenInsideAHoldNeverDeadlocksWithAWaitingCollection() throws Exception {
        try (GcLock outer = gate.hold()) {
            CompletableFuture<Object> gc = CompletableFuture.supplyAsync(() -> {
                try {
                    return gate.exclusively("repo gc", Duration.ofSeconds(30), () -> "ran");
                } catch (IOException e) {
                    return e;
                }
            });
            CompletableFuture<Integer> inner = CompletableFuture.supplyAsync(() -> {
                try (GcLock nested = gate.hold()) {
                    return gate.holds();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, inner.get(30, TimeUnit.SECONDS), "a second hold from another thread is let in");
            assertFalse(gc.isDone());
            outer.close();
            assertEquals("ran", gc.get(30, TimeUnit.SECONDS));
        }
    }
}
