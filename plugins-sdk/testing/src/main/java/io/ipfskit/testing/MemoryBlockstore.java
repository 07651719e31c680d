package io.ipfskit.testing;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A verifying in-memory blockstore keyed by multihash, as the real ones are; extend it to observe what is done to it. */
public class MemoryBlockstore implements Blockstore {

    private final Map<Multihash, byte[]> blocks = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(Cid cid) {
        return Optional.ofNullable(blocks.get(cid.multihash()));
    }

    @Override
    public boolean has(Cid cid) {
        return blocks.containsKey(cid.multihash());
    }

    @Override
    public OptionalInt size(Cid cid) {
        byte[] data = blocks.get(cid.multihash());
        return data == null ? OptionalInt.empty() : OptionalInt.of(data.length);
    }

    /** Stores the block after checking it hashes to its CID. */
    @Override
    public void put(Cid cid, byte[] data) {
        if (!cid.verify(data)) {
            throw new InvalidBlockException("block does not match " + cid);
        }
        blocks.put(cid.multihash(), data);
    }

    @Override
    public boolean delete(Cid cid) {
        return blocks.remove(cid.multihash()) != null;
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        blocks.keySet().forEach(action);
    }

    /** The number of blocks held. */
    public int count() {
        return blocks.size();
    }

    /** The bytes of all blocks held. */
    public long bytes() {
        return blocks.values().stream().mapToLong(b -> b.length).sum();
    }
}
