package io.ipfskit.discovery.randomwalk;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the DHT random walk (PID {@code io.ipfskit.discovery.randomwalk}). */
@ObjectClassDefinition(name = "IPFS Kit DHT random walk")
public @interface RandomWalkConfig {

    /** Seconds between walks; -1 = by role (master 60, worker 300, leecher 900). */
    @AttributeDefinition(description = "Seconds between random walks, -1 = by role (master 60, worker 300, leecher 900), "
            + "up to 86400", min = "-1", max = "86400")
    int intervalSeconds() default -1;

    /** Seconds after start before the first walk. */
    @AttributeDefinition(description = "Seconds after start before the first walk, 0 to 3600", min = "0", max = "3600")
    int initialDelaySeconds() default 10;
}
