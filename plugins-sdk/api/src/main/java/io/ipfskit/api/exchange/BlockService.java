package io.ipfskit.api.exchange;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Blocks for readers (cat, get, ls, dag export, the Kit API, the ipfs:// FileSystem): from the local blockstore, and
 * on a miss in every tier from the network through the {@link BlockExchange}, unless the request or the node is
 * offline. Fetched blocks are verified, stored in the caches and the durable tier (unpinned), and announced.
 */
@ProviderType
public interface BlockService {

    /** Opens a session for one request with these options; close it when the request ends. */
    BlockSession session(FetchOptions options);
}
