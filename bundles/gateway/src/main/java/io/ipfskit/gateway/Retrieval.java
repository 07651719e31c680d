package io.ipfskit.gateway;

import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.BlockSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blocks of one gateway request: through a session of the node's block service (local first, then the network),
 * or the local blockstore alone when none runs. Identity CIDs are their own digest. A single block that takes longer
 * than the retrieval timeout ends the session ({@link #stalled(long)}, called by a watchdog) and the read fails with a
 * {@link Timeout}: kubo's {@code Gateway.RetrievalTimeout}, time without progress rather than a deadline for the whole
 * response. While {@link #recording} the CIDs read are noted (the blocks that verify a path).
 */
final class Retrieval implements BlockSource, AutoCloseable {

    /** A block took longer than the retrieval timeout. */
    static final class Timeout extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Timeout(String message) {
            super(message);
        }
    }

    private final BlockSession session;
    private final Blockstore local;
    private final long timeoutNanos;
    private volatile long waitingSince;
    private volatile boolean timedOut;
    private List<Cid> recorded;

    /** Reads through {@code session} (null: {@code local} alone), giving up on a block after {@code timeout}. */
    Retrieval(BlockSession session, Blockstore local, Duration timeout) {
        this.session = session;
        this.local = local;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        if (cid.multihash().code() == Multicodec.IDENTITY) {
            return Optional.of(cid.multihash().digest());
        }
        if (recorded != null) {
            recorded.add(cid);
        }
        if (session == null) {
            return local.get(cid);
        }
        waitingSince = System.nanoTime();
        try {
            return Optional.of(session.get(cid));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            if (timedOut) {
                throw new Timeout("no block arrived for " + cid + " within the retrieval timeout of "
                        + Duration.ofNanos(timeoutNanos).toSeconds() + " s");
            }
            throw e;
        } finally {
            waitingSince = 0;
        }
    }

    @Override
    public void prefetch(List<Cid> cids) {
        if (session != null) {
            session.prefetch(cids);
        }
    }

    /** Whether the block being read has waited past the timeout at {@code now} (nanoTime); if so ends the session. */
    boolean stalled(long now) {
        long since = waitingSince;
        if (since == 0 || now - since <= timeoutNanos || session == null) {
            return false;
        }
        timedOut = true;
        session.close();
        return true;
    }

    /** Starts noting the CIDs read (the path's blocks), forgetting what was noted before. */
    void record() {
        recorded = new ArrayList<>();
    }

    /** Stops noting and returns the CIDs read since {@link #record()}, in order. */
    List<Cid> recorded() {
        List<Cid> out = recorded == null ? List.of() : List.copyOf(recorded);
        recorded = null;
        return out;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
