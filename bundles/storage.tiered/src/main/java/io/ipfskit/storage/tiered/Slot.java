package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierStats;
import java.util.concurrent.atomic.AtomicLong;

/** One tier in use: the service, its ranking, the eviction policy of a non-durable tier, and the moves counted. */
final class Slot {

    final StorageTier tier;
    final int ranking;
    final boolean durable;
    /** Null for a durable tier, which is never evicted from. */
    final ArcPolicy policy;
    final AtomicLong promotions = new AtomicLong();
    final AtomicLong demotions = new AtomicLong();
    final AtomicLong evictions = new AtomicLong();

    Slot(StorageTier tier, int ranking, int entryOverhead) {
        this.tier = tier;
        this.ranking = ranking;
        this.durable = tier.durable();
        this.policy = durable ? null : new ArcPolicy(tier.capacity(), entryOverhead);
    }

    /** The tier's counters with the blocks moved into it (promotions, demotions) and dropped from it (evictions). */
    TierStats stats() {
        TierStats own = tier.stats();
        return new TierStats(own.tier(), own.hits(), own.misses(), own.bytes(), own.items(), promotions.get(),
                demotions.get(), own.evictions() + evictions.get());
    }
}
