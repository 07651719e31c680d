package io.ipfskit.discovery;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the discovery manager (PID {@code io.ipfskit.discovery}). */
@ObjectClassDefinition(name = "IPFS Kit discovery manager")
public @interface DiscoveryConfig {

    /** Connections the manager dials discovered peers up to; -1 = the role's low water (master 100, worker 50, leecher 20). */
    @AttributeDefinition(description = "Connections to fill with discovered peers, -1 = by role (master 100, worker 50, "
            + "leecher 20), 0 to 10000", min = "-1", max = "10000")
    int targetConnections() default -1;

    /** Dials of discovered peers in flight at once. */
    @AttributeDefinition(description = "Dials of discovered peers in flight at once, 1 to 256", min = "1", max = "256")
    int maxDialsInFlight() default 8;

    /** Discovered peers waiting to be dialled; the oldest are dropped first. */
    @AttributeDefinition(description = "Discovered peers waiting to be dialled (oldest dropped first), 16 to 100000",
            min = "16", max = "100000")
    int maxCandidates() default 1024;

    /** Seconds a peer whose dial failed waits before it is dialled again (go-libp2p: 5); doubled at each further failure. */
    @AttributeDefinition(description = "Seconds a peer whose dial failed waits (doubled per further failure), 1 to 86400",
            min = "1", max = "86400")
    int initialBackoffSeconds() default 5;

    /** The longest wait of a failing peer, in seconds. */
    @AttributeDefinition(description = "Longest wait of a failing peer in seconds, 1 to 604800", min = "1", max = "604800")
    int maxBackoffSeconds() default 3600;

    /** Failing peers remembered for their backoff; the oldest are forgotten first. */
    @AttributeDefinition(description = "Failing peers remembered (oldest forgotten first), 16 to 1000000", min = "16",
            max = "1000000")
    int backoffCapacity() default 10000;
}
