package io.ipfskit.storage.tier.memory;

import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.storage.tier.ehcache.EhcacheTier;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The fastest tier: blocks on an Ehcache heap (by reference, no copies, no sizing agent) bounded by the tier's own byte
 * account, ranked above the disk cache and the durable store.
 */
@Component(service = StorageTier.class, configurationPid = "io.ipfskit.storage.tier.memory",
        property = {"service.ranking:Integer=300", StorageTier.NAME + "=memory", StorageTier.DURABLE + ":Boolean=false"})
@Designate(ocd = MemoryTierConfig.class)
public final class MemoryTier extends EhcacheTier {

    /** A heap cache of {@link MemoryTierConfig#maxBytes()} bytes. */
    @Activate
    public MemoryTier(MemoryTierConfig config) {
        super("memory", config.maxBytes(),
                CacheManagerBuilder.newCacheManagerBuilder().withClassLoader(MemoryTier.class.getClassLoader()),
                ResourcePoolsBuilder.newResourcePoolsBuilder().heap(maxEntries(config.maxBytes()), EntryUnit.ENTRIES));
    }

    /** Drops the cache. */
    @Deactivate
    void deactivate() {
        close();
    }
}
