package io.ipfskit.storage.tiered;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the tiered blockstore (PID {@code io.ipfskit.storage.tiered}). */
@ObjectClassDefinition(name = "IPFS Kit tiered blockstore", description = "Promotion between ranked storage tiers")
public @interface TieredConfig {

    /** Heat (see {@code Heat}) at which a block read from a slower tier is copied up. Default 2.0: two reads in a block's first minute. */
    @AttributeDefinition(description = "Heat at which a block read from a slower tier is promoted (default 2.0)")
    double promotionThreshold() default 2.0;
}
