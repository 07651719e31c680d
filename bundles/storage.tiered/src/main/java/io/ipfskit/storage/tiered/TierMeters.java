package io.ipfskit.storage.tiered;

import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierMonitor;
import io.ipfskit.api.storage.TierStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The meters of each storage tier, tagged {@code tier}: hits, misses, promotions, demotions and evictions (counters),
 * bytes and items held (gauges), read from the {@link TierMonitor} at each scrape; a tier's meters come and go with it.
 */
@Component
public final class TierMeters implements MeterBinder {

    private final TierMonitor monitor;
    private final Set<String> tiers = new LinkedHashSet<>();
    private final Map<String, List<Meter>> meters = new TreeMap<>();
    private Metrics metrics;

    /** Reads the tiers' counters from the monitor. */
    @Activate
    public TierMeters(@Reference TierMonitor monitor) {
        this.monitor = monitor;
    }

    /** A tier arrived: its meters are registered (now, if the registry is bound). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addTier(StorageTier tier) {
        tiers.add(tier.name());
        if (metrics != null) {
            register(tier.name());
        }
    }

    /** A tier left: its meters are removed. */
    synchronized void removeTier(StorageTier tier) {
        tiers.remove(tier.name());
        close(tier.name());
    }

    @Override
    public synchronized List<Meter> bind(Metrics registry) {
        metrics = registry;
        tiers.forEach(this::register);
        return List.of(this::unbind);
    }

    private synchronized void unbind() {
        metrics = null;
        new ArrayList<>(meters.keySet()).forEach(this::close);
    }

    private void register(String tier) {
        meters.computeIfAbsent(tier, t -> List.of(
                counter(t, "ipfskit.tier.hits", "reads the tier served", TierStats::hits),
                counter(t, "ipfskit.tier.misses", "reads the tier missed", TierStats::misses),
                counter(t, "ipfskit.tier.promotions", "blocks moved up into the tier", TierStats::promotions),
                counter(t, "ipfskit.tier.demotions", "blocks moved down out of the tier", TierStats::demotions),
                counter(t, "ipfskit.tier.evictions", "blocks evicted from the tier", TierStats::evictions),
                metrics.gauge("ipfskit.tier.bytes", "bytes held", () -> read(t, TierStats::bytes), "tier", t),
                metrics.gauge("ipfskit.tier.items", "blocks held", () -> read(t, TierStats::items), "tier", t)));
    }

    private Meter counter(String tier, String name, String description, ToLongFunction<TierStats> value) {
        return metrics.counter(name, description, () -> read(tier, value), "tier", tier);
    }

    private long read(String tier, ToLongFunction<TierStats> value) {
        return monitor.tierStats().stream().filter(s -> s.tier().equals(tier)).mapToLong(value).findFirst().orElse(0);
    }

    private void close(String tier) {
        List<Meter> gone = meters.remove(tier);
        if (gone != null) {
            gone.forEach(Meter::close);
        }
    }
}
