package io.ipfskit.protocol.bitswap.testing;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** A blockstore whose reads wait for a permit the test hands out: a provider that serves exactly as much as allowed. */
public final class GatedStore implements Blockstore {

    public final MemoryRepo backing = new MemoryRepo();
    private final Semaphore permits = new Semaphore(0);

    /** Lets {@code reads} more block reads through. */
    public void allow(int reads) {
        permits.release(reads);
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("store closed");
        }
        return backing.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        return backing.has(cid);
    }

    @Override
    public OptionalInt size(Cid cid) {
        return backing.size(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        backing.put(cid, data);
    }

    @Override
    public boolean delete(Cid cid) {
        return backing.delete(cid);
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        backing.forEach(action);
    }
}
