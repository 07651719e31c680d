package io.ipfskit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    /** A configuration with this name, secret and trusted peers, and small intervals. */
    static ClusterConfig config(String name, String secret, String... trusted) {
        return new ClusterConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ClusterConfig.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String secret() {
                return secret;
            }

            @Override
            public String[] trusted() {
                return trusted;
            }

            @Override
            public int heartbeatMillis() {
                return 250;
            }

            @Override
            public int missedHeartbeats() {
                return 4;
            }

            @Override
            public int maxSkewSeconds() {
                return 30;
            }

            @Override
            public int replication() {
                return 2;
            }

            @Override
            public double hotThreshold() {
                return 10;
            }
        };
    }

    @Test
    void noNameAndNoSecretIsNoCluster() {
        assertTrue(ClusterSettings.of(config("", "")).isEmpty());
    }

    @Test
    void aConfiguredClusterHasItsTopicAndSilenceLimit() {
        PeerId peer = SimulatedCluster.sortedPeers(1).get(0);
        ClusterSettings settings = ClusterSettings.of(config("prod-1", SimulatedCluster.SECRET, peer.toBase58(), ""))
                .orElseThrow();
        assertEquals("/ipfs-kit/cluster/1.0.0/prod-1", settings.topic());
        assertEquals(Duration.ofMillis(1000), settings.silenceLimit());
        assertEquals(Set.of(peer), settings.trusted());
        assertEquals(32, settings.secret().length);
    }

    @Test
    void aBadNameOrSecretIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of(config("a/b",
                SimulatedCluster.SECRET))).getMessage().contains("cluster name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of(config("ok", "abcd")))
                .getMessage().contains("32 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of(config("ok",
                "zz" + SimulatedCluster.SECRET.substring(2)))).getMessage().contains("32 bytes"));
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of(config("", SimulatedCluster.SECRET)));
    }
}
