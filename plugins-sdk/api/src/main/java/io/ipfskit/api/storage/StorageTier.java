package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One tier of block storage, registered as a service with {@code service.ranking} (higher is faster: memory above
 * disk cache above the durable store) and {@link #NAME}; blocks are keyed by multihash (CIDs differing only in
 * version or codec name the same bytes) and callers verify blocks before putting them.
 */
public interface StorageTier {

    /** Service property holding {@link #name()}. */
    String NAME = "ipfskit.storage.tier";

    /** Service property holding {@link #durable()} as a Boolean. */
    String DURABLE = "ipfskit.storage.durable";

    /** The tier's name, e.g. {@code memory}, {@code disk}, {@code flatfs}. */
    String name();

    /** Capacity in bytes of block data ({@link Long#MAX_VALUE} when bounded only by the device). */
    long capacity();

    /** Whether blocks survive a restart and are never evicted by the tier itself. */
    boolean durable();

    /** The block's bytes, or empty on a miss (counted in {@link #stats()}). */
    Optional<byte[]> get(Cid cid) throws IOException;

    /** Whether the tier holds the block, without counting a hit or a miss. */
    boolean has(Cid cid) throws IOException;

    /** Stores a verified block; returns false when it does not fit (the tier is unchanged then). */
    boolean put(Cid cid, byte[] data) throws IOException;

    /** Removes the block; returns whether the tier held it. */
    boolean remove(Cid cid) throws IOException;

    /** Reports the multihash of every block the tier holds once (order unspecified). */
    void forEach(Consumer<Multihash> action) throws IOException;

    /** The tier's counters (promotions and demotions are counted by the blockstore, zero here). */
    TierStats stats();
}
