package io.ipfskit.routing.manager;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the content routing manager (PID {@code io.ipfskit.routing}). */
@ObjectClassDefinition(name = "IPFS Kit content routing manager")
public @interface RoutingConfig {

    /** Providers whose stats are kept; the least recently updated are forgotten first. */
    @AttributeDefinition(description = "Providers whose stats are kept (least recently updated forgotten first), "
            + "16 to 1000000", min = "16", max = "1000000")
    int maxTrackedPeers() default 4096;

    /** Provider records cached, all CIDs together; the CIDs least recently used are dropped first. */
    @AttributeDefinition(description = "Provider records cached over all CIDs (least recently used CIDs dropped "
            + "first), 100 to 10000000", min = "100", max = "10000000")
    int providerCacheEntries() default 16384;

    /** Provider records cached per CID. */
    @AttributeDefinition(description = "Provider records cached per CID, 1 to 100", min = "1", max = "100")
    int providersPerCid() default 20;

    /** Seconds a cached provider record is used after it was last found. */
    @AttributeDefinition(description = "Seconds a cached provider record stays usable, 1 to 604800", min = "1",
            max = "604800")
    int providerCacheTtlSeconds() default 3600;

    /** Seconds a provider search may take before it ends with what it found. */
    @AttributeDefinition(description = "Seconds a provider search may last, 1 to 3600", min = "1", max = "3600")
    int findTimeoutSeconds() default 60;

    /** Hours between reprovider runs (kubo: 22); 0 reprovides only on demand (bitswap/reprovide). */
    @AttributeDefinition(description = "Hours between reprovides (kubo: 22), 0 to 720; 0 = only on demand", min = "0",
            max = "720")
    int reprovideIntervalHours() default 22;

    /** Seconds after start before the first reprovide. */
    @AttributeDefinition(description = "Seconds after start before the first reprovide, 0 to 86400", min = "0",
            max = "86400")
    int reprovideInitialDelaySeconds() default 60;

    /** Announcements a reprovide keeps in flight. */
    @AttributeDefinition(description = "Announcements in flight during a reprovide, 1 to 256", min = "1", max = "256")
    int reprovideConcurrency() default 8;

    /** What a reprovide announces (kubo's Reprovider.Strategy): all stored blocks, pinned DAGs, or pin roots. */
    @AttributeDefinition(description = "What a reprovide announces (kubo's Reprovider.Strategy): all = every stored "
            + "block, pinned = every block of pinned DAGs, roots = pin roots only", options = {
                @Option(label = "all", value = "all"), @Option(label = "pinned", value = "pinned"),
                @Option(label = "roots", value = "roots")})
    String reprovideStrategy() default "all";

    /** Blocks whose DAG root is remembered for content affinity. */
    @AttributeDefinition(description = "Blocks whose DAG root is remembered for content affinity, 16 to 10000000",
            min = "16", max = "10000000")
    int affinityBlocks() default 65536;
}
