package io.ipfskit.unixfs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ConcurrentPutsTest {

    private static Cid cid(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}));
    }

    /** Puts run at once up to the window; the next one waits for a free slot (memory stays bounded). */
    @Test
    void holdsAtMostTheWindowInFlight() throws Exception {
        Semaphore started = new Semaphore(0);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (ConcurrentPuts puts = new ConcurrentPuts((cid, block) -> {
            started.release();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        })) {
            for (int i = 0; i < ConcurrentPuts.WINDOW; i++) {
                puts.put(cid(i), new byte[0]);
            }
            assertTrue(started.tryAcquire(ConcurrentPuts.WINDOW, 10, TimeUnit.SECONDS), "the window's puts run at once");
            Future<?> over = caller.submit(() -> {
                puts.put(cid(ConcurrentPuts.WINDOW), new byte[0]);
                return null;
            });
            assertThrows(TimeoutException.class, () -> over.get(200, TimeUnit.MILLISECONDS));
            assertFalse(started.tryAcquire(), "no put beyond the window started");
            finish.countDown();
            over.get(10, TimeUnit.SECONDS);
            puts.drain();
        } finally {
            caller.shutdownNow();
        }
    }

    /** drain() returns only when every block handed over was stored. */
    @Test
    void drainWaitsForEveryBlock() throws IOException {
        Set<Cid> stored = ConcurrentHashMap.newKeySet();
        try (ConcurrentPuts puts = new ConcurrentPuts((cid, block) -> {
            Thread.onSpinWait();
            stored.add(cid);
        })) {
            for (int i = 0; i < 500; i++) {
                puts.put(cid(i), new byte[0]);
            }
            puts.drain();
            assertEquals(500, stored.size());
        }
    }

    /** A failed put fails the drain (the add is not acknowledged) and every later put. */
    @Test
    void aFailedPutFailsTheDrain() throws IOException {
        IOException full = new IOException("the durable store is full");
        try (ConcurrentPuts puts = new ConcurrentPuts((cid, block) -> {
            if (cid.equals(cid(3))) {
                throw full;
            }
        })) {
            // Up to the failing one: a put after it may already fail with it (the put runs on another thread).
            for (int i = 0; i <= 3; i++) {
                puts.put(cid(i), new byte[0]);
            }
            assertSame(full, assertThrows(IOException.class, puts::drain));
            assertSame(full, assertThrows(IOException.class, () -> puts.put(cid(9), new byte[0])));
        }
    }
}
