package io.ipfskit.storage.tiered;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the tiered blockstore (PID {@code io.ipfskit.storage.tiered}). */
@ObjectClassDefinition(name = "IPFS Kit tiered blockstore", description = "Promotion between ranked storage tiers, pins and GC")
public @interface TieredConfig {

    /** Heat (see {@code Heat}) at which a block read from a slower tier is copied up. Default 2.0: two reads in a block's first minute. */
    @AttributeDefinition(description = "Heat at which a block read from a slower tier is promoted (default 2.0)", min = "0")
    double promotionThreshold() default 2.0;

    /**
     * Heat a block evicted from a cache tier needs to move down into the next cache tier; a colder one just leaves (the
     * durable tier has it). Default 1.5: read more than once lately, so a file streamed once does not fill the disk cache.
     */
    @AttributeDefinition(description = "Heat an evicted block needs to move down into the next cache tier (default 1.5)", min = "0")
    double demotionThreshold() default 1.5;

    /** Bytes the heat of recently read blocks may take. Default 16 MiB (about 100,000 blocks). */
    @AttributeDefinition(description = "Bytes the heat bookkeeping may take (default 16 MiB)", min = "65536")
    long heatTableBytes() default 16L * 1024 * 1024;

    /**
     * Whether a written block is also cached in the fastest cache tier with room. Default false: a block enters a cache
     * tier when it is read hot; caching every written block kept each one alive on the heap, and the collector copying
     * them cost an add of content as much CPU as hashing it.
     */
    @AttributeDefinition(description = "Cache every written block in the fastest cache tier (default false: only blocks read hot)")
    boolean cacheWrites() default false;

    /** How long GC and block removal wait for adds, imports and pins in progress before refusing. Default 60 s. */
    @AttributeDefinition(description = "Seconds repo gc and block rm wait for writes in progress (default 60)", min = "0", max = "86400")
    int gcWaitSeconds() default 60;
}
