package io.ipfskit.routing.blocks;

import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.metrics.Metrics;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The block service's cache-miss meters (its {@code routing/stats} Retrieval counters): misses, and of them handled
 * (fetched), failed, cancelled and refused offline; bytes fetched; sessions open.
 */
@Component
public final class BlockServiceMeters implements MeterBinder {

    private final NetworkBlockService blocks;

    /** Reads the block service's counters at each scrape. */
    @Activate
    public BlockServiceMeters(@Reference NetworkBlockService blocks) {
        this.blocks = blocks;
    }

    @Override
    public List<Meter> bind(Metrics metrics) {
        return List.of(
                counter(metrics, "ipfskit.blockservice.cache.misses", "reads the local tiers missed", "cache_misses"),
                counter(metrics, "ipfskit.blockservice.cache.misses.handled", "misses fetched from the network",
                        "cache_misses_handled"),
                counter(metrics, "ipfskit.blockservice.cache.misses.failed", "misses not found in time",
                        "cache_misses_failed"),
                counter(metrics, "ipfskit.blockservice.cache.misses.cancelled", "misses whose reader gave up",
                        "cache_misses_cancelled"),
                counter(metrics, "ipfskit.blockservice.cache.misses.offline", "misses refused offline",
                        "cache_misses_offline"),
                counter(metrics, "ipfskit.blockservice.retrieved.bytes", "bytes fetched from the network",
                        "total_bytes_retrieved"),
                metrics.gauge("ipfskit.blockservice.sessions", "block sessions open", () -> read("open_sessions")));
    }

    private Meter counter(Metrics metrics, String name, String description, String key) {
        return metrics.counter(name, description, () -> read(key));
    }

    private long read(String key) {
        return ((Number) blocks.report().get(key)).longValue();
    }
}
