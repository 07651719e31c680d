package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Pins roots so garbage collection keeps them, and collects every unpinned block of the blockstore. Pins are by
 * multihash: CIDs differing only in version or codec name the same pin. A pin succeeds only when every block it
 * protects is in a durable tier.
 */
@ProviderType
public interface Pinning {

    /**
     * Pins a root (under a {@link #gcLock()} of its own); a recursive pin fails with
     * {@link java.util.NoSuchElementException} if a block of the DAG is missing, and with an IOException when no
     * durable tier can hold it or a block's codec has no {@link LinkWalker}.
     */
    void pin(Cid root, PinType type) throws IOException;

    /**
     * As {@link #pin(Cid, PinType)}, reading the blocks the store lacks through {@code missing} (a block session that
     * fetches them); each block read so is checked against its CID and made durable before the pin is recorded.
     */
    void pin(Cid root, PinType type, BlockReader missing) throws IOException;

    /**
     * Pins a root whose whole DAG the caller put itself, every put acknowledged (so each block is in a durable tier),
     * under a {@link #gcLock()} it still holds: a store may record it without walking the DAG again. Only for blocks
     * this process made or verified ({@link VerifiedBlock}); this default walks it as {@link #pin(Cid, PinType)}.
     */
    default void pinStored(Cid root, PinType type) throws IOException {
        pin(root, type);
    }

    /** Removes the pin of a root (any CID of its multihash); returns whether it was pinned. */
    boolean unpin(Cid root) throws IOException;

    /** Every pinned root, as it was pinned, with its pin type (direct or recursive). */
    Map<Cid, PinType> pins();

    /** How the block is pinned: as a root (direct or recursive), indirectly through a root, or not at all (empty). */
    Optional<Pinned> pinned(Cid cid) throws IOException;

    /** Reports every pinned block of the wanted type ({@code null}: all) once, roots before the blocks below them. */
    void forEachPinned(PinType type, BiConsumer<Cid, PinType> action) throws IOException;

    /** Takes a hold that keeps garbage collection out until it is closed; waits while a collection runs. */
    GcLock gcLock() throws IOException;

    /**
     * Removes every block that no pin protects and reports what was removed; waits a bounded time for the holds of
     * {@link #gcLock()} to end, else fails with an IOException saying what it waited for.
     */
    GcResult gc() throws IOException;

    /** Counts of the blocks in the store. */
    RepoStat stat() throws IOException;
}
