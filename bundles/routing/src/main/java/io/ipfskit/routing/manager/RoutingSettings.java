package io.ipfskit.routing.manager;

import java.time.Duration;

/** The manager's bounds and periods, from {@link RoutingConfig} or chosen by a test. */
record RoutingSettings(int maxTrackedPeers, int providerCacheEntries, int providersPerCid, Duration providerCacheTtl,
        Duration findTimeout, Duration reprovideInterval, Duration reprovideInitialDelay, int reprovideConcurrency,
        ReprovideStrategy reprovideStrategy, int affinityBlocks) {

    /** The configured values. */
    static RoutingSettings of(RoutingConfig config) {
        return new RoutingSettings(config.maxTrackedPeers(), config.providerCacheEntries(), config.providersPerCid(),
                Duration.ofSeconds(config.providerCacheTtlSeconds()), Duration.ofSeconds(config.findTimeoutSeconds()),
                Duration.ofHours(config.reprovideIntervalHours()),
                Duration.ofSeconds(config.reprovideInitialDelaySeconds()), config.reprovideConcurrency(),
                ReprovideStrategy.of(config.reprovideStrategy()), config.affinityBlocks());
    }
}
