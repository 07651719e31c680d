package io.ipfskit.api.storage;

/**
 * A hold that keeps garbage collection out, as kubo's pin lock: an add, import, block put or pin holds one from its
 * first block to its pin, so nothing it wrote is collected in between. Holds are not bound to a thread and may nest;
 * closing twice is harmless.
 */
public interface GcLock extends AutoCloseable {

    /** Releases the hold. */
    @Override
    void close();
}
