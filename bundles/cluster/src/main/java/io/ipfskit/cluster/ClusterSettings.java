package io.ipfskit.cluster;

import io.ipfskit.cluster.wire.ClusterCodec;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cluster's checked configuration: name, secret, trusted peers, heartbeat interval and how many may be missed,
 * the clock skew allowed, the default replication and the hot threshold.
 */
public record ClusterSettings(String name, byte[] secret, Set<PeerId> trusted, Duration heartbeat, int missedHeartbeats,
        Duration maxSkew, int replication, double hotThreshold) {

    /** The prefix of the cluster's pubsub topic; the name follows it. */
    public static final String TOPIC_PREFIX = "/ipfs-kit/cluster/1.0.0/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Copies the secret and the set. */
    public ClusterSettings {
        secret = secret.clone();
        trusted = Set.copyOf(trusted);
    }

    /** The settings of a configuration; empty when it names no cluster; IllegalArgumentException when it is invalid. */
    public static Optional<ClusterSettings> of(ClusterConfig config) {
        if (config.name().isBlank() && config.secret().isBlank()) {
            return Optional.empty();
        }
        if (!NAME.matcher(config.name()).matches()) {
            throw new IllegalArgumentException("cluster name '" + config.name()
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        byte[] secret;
        try {
            secret = HexFormat.of().parseHex(config.secret().trim());
        } catch (IllegalArgumentException e) {
            secret = new byte[0];
        }
        if (secret.length != ClusterCodec.SECRET_BYTES) {
            throw new IllegalArgumentException("cluster secret must be 32 bytes as 64 hex digits");
        }
        Set<PeerId> trusted = new LinkedHashSet<>();
        for (String peer : config.trusted()) {
            if (!peer.isBlank()) {
                trusted.add(PeerId.parse(peer.trim()));
            }
        }
        return Optional.of(new ClusterSettings(config.name(), secret, trusted,
                Duration.ofMillis(config.heartbeatMillis()), config.missedHeartbeats(),
                Duration.ofSeconds(config.maxSkewSeconds()), config.replication(), config.hotThreshold()));
    }

    /** The pubsub topic of the cluster. */
    public String topic() {
        return TOPIC_PREFIX + name;
    }

    /** How long a peer may stay silent before it is gone. */
    public Duration silenceLimit() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }
}
