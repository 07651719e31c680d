package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.Optional;

/** Reads a block from somewhere other than the store (a block session that fetches it): empty when it cannot. */
@FunctionalInterface
public interface BlockReader {

    /** The block's bytes, or empty when it cannot be had. */
    Optional<byte[]> read(Cid cid) throws IOException;
}
