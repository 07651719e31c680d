package io.ipfskit.cluster;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the cluster (PID {@code io.ipfskit.cluster}); no name and secret: the node is in no cluster. */
@ObjectClassDefinition(name = "IPFS Kit cluster")
public @interface ClusterConfig {

    /** The cluster's name; its pubsub topic derives from it. Empty: no cluster. */
    @AttributeDefinition(description = "Cluster name (letters, digits, '.', '_', '-'; at most 64); empty for no cluster",
            required = false)
    String name() default "";

    /** The shared secret, 32 bytes as 64 hex digits (as ipfs-cluster's). */
    @AttributeDefinition(description = "Shared secret: 32 bytes as 64 hex digits", required = false)
    String secret() default "";

    /** Peer ids allowed in the cluster (ipfs-cluster's trusted_peers); empty: every peer proving the secret. */
    @AttributeDefinition(description = "Trusted peer ids; empty for every peer that proves the secret", required = false)
    String[] trusted() default {};

    /** Milliseconds between heartbeats. */
    @AttributeDefinition(description = "Milliseconds between heartbeats, 100 to 600000", min = "100", max = "600000")
    int heartbeatMillis() default 5000;

    /** Heartbeats a peer may miss before it is gone (its placements move). */
    @AttributeDefinition(description = "Heartbeats missed before a peer is gone, 1 to 100", min = "1", max = "100")
    int missedHeartbeats() default 3;

    /** How far a message's timestamp may be from our clock, in seconds (older or newer messages are dropped). */
    @AttributeDefinition(description = "Clock skew allowed on messages, in seconds, 1 to 3600", min = "1", max = "3600")
    int maxSkewSeconds() default 30;

    /** Replicas of a pin added without {@code replication}. */
    @AttributeDefinition(description = "Replication of a pin added without one, 1 to 16", min = "1", max = "16")
    int replication() default 2;

    /** Heat, summed over the cluster's heartbeats, above which the master fetches a CID. */
    @AttributeDefinition(description = "Cluster-wide heat above which the master fetches a CID", min = "0")
    double hotThreshold() default 10.0;
}
