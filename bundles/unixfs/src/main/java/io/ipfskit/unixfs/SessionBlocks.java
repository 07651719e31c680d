package io.ipfskit.unixfs;

import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * The blocks of one request as the exporter reads them: through a session of the node's {@link BlockService}
 * (local first, then the network within the request's options), or from the local {@link Blockstore} alone when no
 * block service runs. A block that cannot be had is empty; a deadline passed is an IOException. Close it when the
 * request ends.
 */
public final class SessionBlocks implements BlockSource, AutoCloseable {

    private final BlockSession session;
    private final Blockstore local;

    private SessionBlocks(BlockSession session, Blockstore local) {
        this.session = session;
        this.local = local;
    }

    /** A session of {@code service} with these options, or local reads when {@code service} is null. */
    public static SessionBlocks open(BlockService service, Blockstore local, FetchOptions options) {
        return new SessionBlocks(service == null ? null : service.session(options), local);
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        if (session == null) {
            return local.get(cid);
        }
        try {
            return Optional.of(session.get(cid));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    @Override
    public void prefetch(List<Cid> cids) {
        if (session != null) {
            session.prefetch(cids);
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
