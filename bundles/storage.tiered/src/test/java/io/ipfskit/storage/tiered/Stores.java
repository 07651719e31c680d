package io.ipfskit.storage.tiered;

import io.ipfskit.codec.internal.DagCborLinks;
import io.ipfskit.codec.internal.DagPbLinks;
import io.ipfskit.codec.internal.RawLinks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Tiered blockstores for tests: pins and tier state under {@code repo}, no per-block overhead, the usual walkers. */
final class Stores {

    /** The dag-pb walker every store gets (stateless, shared), so a test can take it away again. */
    static final DagPbLinks DAG_PB = new DagPbLinks();

    private Stores() {
    }

    /**
     * A store with the raw, dag-pb and dag-cbor walkers, exclusive operations waiting at most {@code wait}, caching
     * written blocks when {@code cacheWrites}.
     */
    static TieredBlockstore open(Path repo, LongSupplier clock, Duration wait, boolean cacheWrites) throws IOException {
        TieredBlockstore store = new TieredBlockstore(new PinStore(repo.resolve("pins")),
                new Tiers(new HeatTable(1 << 20), 2.0, 1.5, clock, repo.resolve("tiers"), 0, cacheWrites), wait);
        store.addWalker(new RawLinks());
        store.addWalker(DAG_PB);
        store.addWalker(new DagCborLinks());
        return store;
    }

    /** A store caching written blocks (the cache mechanics tests write to fill caches). */
    static TieredBlockstore open(Path repo, LongSupplier clock, Duration wait) throws IOException {
        return open(repo, clock, wait, true);
    }

    /** A store caching written blocks whose exclusive operations wait one second. */
    static TieredBlockstore open(Path repo, LongSupplier clock) throws IOException {
        return open(repo, clock, Duration.ofSeconds(1));
    }
}
