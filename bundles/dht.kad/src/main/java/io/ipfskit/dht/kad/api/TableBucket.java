package io.ipfskit.dht.kad.api;

import java.util.List;

/** The peers of one k-bucket: those whose key shares exactly {@code commonPrefixLength} leading bits with ours. */
public record TableBucket(int commonPrefixLength, List<TableEntry> peers) {

    /** Copies the list. */
    public TableBucket {
        peers = List.copyOf(peers);
    }
}
