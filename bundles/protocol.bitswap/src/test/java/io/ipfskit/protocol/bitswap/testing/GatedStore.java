package io.ipfskit.protocol.bitswap.testing;

import java.util.Optional;
import java.util.concurrent.Semaphore;

/** A blockstore whose reads wait for a permit the test hands out: a provider that serves exactly as much as allowed. */
public final class GatedStore extends HeldStore {

    private final Semaphore permits = new Semaphore(0);

    /** Lets {@code reads} more block reads through. */
    public void allow(int reads) {
        permits.release(reads);
    }

    @Override
    protected void hold(Optional<byte[]> block) throws InterruptedException {
        permits.acquire();
    }
}
