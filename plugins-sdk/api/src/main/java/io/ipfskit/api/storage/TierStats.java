package io.ipfskit.api.storage;

/** Counters of one tier: reads served and missed, bytes and items held, blocks moved up, down and out. */
public record TierStats(String tier, long hits, long misses, long bytes, long items, long promotions,
        long demotions, long evictions) {

    /** The same counters with the blockstore's promotion and demotion counts. */
    public TierStats withMoves(long promoted, long demoted) {
        return new TierStats(tier, hits, misses, bytes, items, promoted, demoted, evictions);
    }
}
