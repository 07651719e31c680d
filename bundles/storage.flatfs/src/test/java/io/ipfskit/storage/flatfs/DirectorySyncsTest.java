package io.ipfskit.storage.flatfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: callers that arrive while a round syncs share the next round, and return only once it synced. */
class DirectorySyncsTest {

    private static final Path A = Path.of("/blocks/AA");
    private static final Path B = Path.of("/blocks/BB");
    private static final Path C = Path.of("/blocks/CC");

    private final GatedDisk gated = new GatedDisk();
    private final DirectorySyncs syncs = new DirectorySyncs(gated.over(syncingOnly()));
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** A disk that only syncs directories (all DirectorySyncs asks of it). */
    private static Disk syncingOnly() {
        return (Disk) Proxy.newProxyInstance(Disk.class.getClassLoader(), new Class<?>[] {Disk.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("syncDirectory")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void stop() {
        gated.open();
        threads.shutdownNow();
    }

    private Future<?> sync(Path directory) {
        return threads.submit(() -> {
            syncs.sync(directory);
            return null;
        });
    }

    /** Starts callers while the first round is held, and waits (bounded) until each has joined the next round. */
    private List<Future<?>> queuedBehindAHeldRound(Path... directories) throws Exception {
        gated.arm(directory -> true);
        Future<?> first = sync(A);
        gated.awaitHeld();
        List<Future<?>> queued = new ArrayList<>(List.of(first));
        for (Path directory : directories) {
            queued.add(sync(directory));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting() < directories.length) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the callers did not queue behind the held round");
            }
            Thread.onSpinWait();
        }
        return queued;
    }

    /** Threads of the pool waiting in DirectorySyncs for a round. */
    private long waiting() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .filter(e -> List.of(e.getValue()).stream().anyMatch(
                        frame -> frame.getClassName().equals(DirectorySyncs.class.getName())))
                .count();
    }

    @Test
    void callersQueuedBehindARoundShareTheNextAndReturnOnlyOnceItSynced() throws Exception {
        List<Future<?>> queued = queuedBehindAHeldRound(B, B, C, B);
        for (Future<?> caller : queued) {
            assertFalse(caller.isDone(), "no caller returns before its directory is synced");
        }
        gated.open();
        for (Future<?> caller : queued) {
            caller.get(30, TimeUnit.SECONDS);
        }
        List<Path> synced = gated.directorySyncs;
        assertEquals(3, synced.size(), () -> "one round for the four queued callers, each directory once: " + synced);
        assertEquals(A, synced.get(0));
        assertEquals(Set.of(B, C), Set.copyOf(synced.subList(1, 3)));
    }

    @Test
    void aFailedRoundFailsEveryCallerInItAndTheNextRoundRunsAgain() throws Exception {
        List<Future<?>> queued = queuedBehindAHeldRound(B, C);
        gated.failOnce(B);
        gated.open();
        queued.get(0).get(30, TimeUnit.SECONDS);
        for (Future<?> caller : queued.subList(1, queued.size())) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> caller.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, failed.getCause());
        }
        int before = gated.directorySyncs.size();
        syncs.sync(B);
        assertEquals(List.of(B), gated.directorySyncs.subList(before, gated.directorySyncs.size()),
                "a caller after the failed round gets a round of its own");
    }
}
