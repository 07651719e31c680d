package io.ipfskit.protocol.bitswap.testing;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.util.Optional;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A server-side store for load tests: it holds its real blocks and claims to hold a block of {@code size} zero bytes
 * under every other CID, so a peer can want gigabytes without the test storing them (the bytes do not match those CIDs;
 * only a peer that does not verify, like the test's own, accepts them). Reads of those blocks can be held at a gate.
 */
public final class SyntheticStore implements Blockstore {

    public final MemoryRepo real = new MemoryRepo();
    private final int size;
    private final Semaphore gate;

    /** Synthetic blocks of {@code size} bytes, read freely ({@code gated} false) or one per permit. */
    public SyntheticStore(int size, boolean gated) {
        this.size = size;
        this.gate = gated ? new Semaphore(0) : null;
    }

    /** Lets {@code reads} more synthetic reads through a gated store. */
    public void allow(int reads) {
        gate.release(reads);
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        if (real.has(cid)) {
            return real.get(cid);
        }
        if (gate != null) {
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("store closed");
            }
        }
        return Optional.of(new byte[size]);
    }

    @Override
    public boolean has(Cid cid) {
        return true;
    }

    @Override
    public OptionalInt size(Cid cid) {
        return real.has(cid) ? real.size(cid) : OptionalInt.of(size);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        real.put(cid, data);
    }

    @Override
    public boolean delete(Cid cid) {
        return real.delete(cid);
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        real.forEach(action);
    }
}
