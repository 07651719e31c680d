package io.ipfskit.storage.tier.disk;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.storage.tier.ehcache.EhcacheTier;
import java.nio.file.Path;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The middle tier: blocks in an Ehcache persistent disk store bounded by the tier's byte account, kept across
 * restarts (with the blockstore's eviction state for it), ranked below
 * the memory tier and above the durable store; it is a cache, so the blockstore never relies on it for durability.
 */
@Component(service = StorageTier.class, configurationPid = "io.ipfskit.storage.tier.disk",
        property = {"service.ranking:Integer=200", StorageTier.NAME + "=disk", StorageTier.DURABLE + ":Boolean=false"})
@Designate(ocd = DiskTierConfig.class)
public final class DiskTier extends EhcacheTier {

    /** The configured cache: {@link DiskTierConfig#path()}, else {@code cache} in the node's repository. */
    @Activate
    public DiskTier(@Reference Node node, DiskTierConfig config) {
        this(config.path().isBlank() ? node.repo().resolve("cache") : Path.of(config.path()), config.maxBytes());
    }

    /**
     * A disk cache of {@code maxBytes} in {@code directory}, reopening what an earlier run left there (a factory, not a
     * constructor: SCR tries every public constructor of the component's arity).
     */
    public static DiskTier open(Path directory, long maxBytes) {
        return new DiskTier(directory, maxBytes);
    }

    private DiskTier(Path directory, long maxBytes) {
        super("disk", maxBytes,
                CacheManagerBuilder.newCacheManagerBuilder().withClassLoader(DiskTier.class.getClassLoader())
                        .with(CacheManagerBuilder.persistence(directory.toFile())),
                ResourcePoolsBuilder.newResourcePoolsBuilder().disk(poolBytes(maxBytes), MemoryUnit.B, true));
    }

    /** Ehcache's own disk bound, above the tier's account (which also charges per-block overhead) so it never evicts. */
    static long poolBytes(long maxBytes) {
        return maxBytes + maxBytes / 8 + 16L * 1024 * 1024;
    }

    /** Closes the cache, flushing it to disk. */
    @Deactivate
    void deactivate() {
        close();
    }
}
