package io.ipfskit.protocol.bitswap.testing;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A blockstore that reads at a capped rate, as a provider behind a slow disk or link: each read finishes no sooner than
 * its bytes take at {@code bytesPerSecond} after the previous read finished (idle time gives no credit).
 */
public final class PacedStore extends HeldStore {

    private final double nanosPerByte;
    private long free = System.nanoTime();

    public PacedStore(long bytesPerSecond) {
        this.nanosPerByte = 1e9 / bytesPerSecond;
    }

    @Override
    protected void hold(Optional<byte[]> block) throws InterruptedException {
        if (block.isEmpty()) {
            return;
        }
        long done;
        synchronized (this) {
            free = Math.max(free, System.nanoTime()) + (long) (block.get().length * nanosPerByte);
            done = free;
        }
        for (long wait; (wait = done - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
