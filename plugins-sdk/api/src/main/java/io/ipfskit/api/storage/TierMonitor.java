package io.ipfskit.api.storage;

import java.util.List;

/** The tiered blockstore's view of its tiers: counters of each, fastest first, with promotions and demotions. */
public interface TierMonitor {

    /** The counters of every tier currently in use, fastest first. */
    List<TierStats> tierStats();
}
