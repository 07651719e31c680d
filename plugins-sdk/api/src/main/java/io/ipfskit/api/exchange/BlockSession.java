package io.ipfskit.api.exchange;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.List;

/**
 * One request's blocks: local first, then fetched within the request's {@link FetchOptions}. A block absent locally
 * when offline is a {@link java.nio.file.NoSuchFileException}; a deadline passed is an
 * {@link java.io.InterruptedIOException}; more bytes than allowed is an {@link IOException} saying so.
 */
public interface BlockSession extends AutoCloseable {

    /** The block's verified bytes. */
    byte[] get(Cid cid) throws IOException;

    /** Starts fetching blocks the reader will need soon, in this order (local ones are skipped); never blocks. */
    void prefetch(List<Cid> cids);

    /** Bytes this session fetched from the network so far. */
    long bytesFetched();

    /** Cancels what the session still wants. */
    @Override
    void close();
}
