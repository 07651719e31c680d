package io.ipfskit.protocol.bitswap.testing;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.testing.MemoryBlockstore;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** An in-memory blockstore whose reads are held back by the subclass (a gate, a rate): a provider that serves slowly. */
abstract class HeldStore extends MemoryBlockstore {

    /** Waits until the read of {@code block} (empty: not held here) may return. */
    protected abstract void hold(Optional<byte[]> block) throws InterruptedException;

    @Override
    public final Optional<byte[]> get(Cid cid) {
        Optional<byte[]> block = super.get(cid);
        try {
            hold(block);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("store closed"));
        }
        return block;
    }
}
