package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** The node's content-addressed block store: every put is verified against its CID before anything is stored. */
public interface Blockstore {

    /** The largest block any tier holds (2 MiB, as Bitswap's limit); larger puts are refused. */
    int MAX_BLOCK_SIZE = 2 * 1024 * 1024;

    /** The block's bytes, or empty when no tier holds it. */
    Optional<byte[]> get(Cid cid) throws IOException;

    /** Whether some tier holds the block. */
    boolean has(Cid cid) throws IOException;

    /** The block's size in bytes, or empty when no tier holds it. */
    OptionalInt size(Cid cid) throws IOException;

    /** Stores the block; throws {@link InvalidBlockException} when the bytes do not hash to the CID. */
    void put(Cid cid, byte[] data) throws IOException;

    /**
     * Stores a block whose CID was computed or checked in this process; a store may skip hashing it again (this
     * default checks it as {@link #put(Cid, byte[])} does).
     */
    default void put(VerifiedBlock block) throws IOException {
        put(block.cid(), block.data());
    }

    /**
     * Removes the block from every tier; returns whether any tier held it. A pinned block (a root under any CID of its
     * multihash, or a block of a recursive pin's DAG) is refused with an IllegalStateException saying how it is pinned.
     */
    boolean delete(Cid cid) throws IOException;

    /** Reports the multihash of every stored block once (order unspecified). */
    void forEach(Consumer<Multihash> action) throws IOException;
}
