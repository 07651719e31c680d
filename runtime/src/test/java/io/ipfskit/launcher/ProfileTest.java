package io.ipfskit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.RuntimeProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

    @TempDir
    Path etc;

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> test = Map.of(Profile.ENVIRONMENT, "test");
        assertEquals(Profile.DEFAULT, Profile.choose("default", test));
        assertEquals(Profile.TEST, Profile.choose(null, test));
        assertEquals(Profile.TEST, Profile.choose("TEST", Map.of()));
        assertEquals(Profile.DEFAULT, Profile.choose(null, Map.of()));
        assertEquals(Profile.DEFAULT, Profile.choose(null, Map.of(Profile.ENVIRONMENT, " ")));
    }

    @Test
    void anUnknownProfileIsRefusedNamingWhereItCameFrom() {
        assertTrue(assertThrows(LauncherException.class, () -> Profile.choose("prod", Map.of())).getMessage()
                .startsWith("--profile: unknown profile 'prod'"));
        assertTrue(assertThrows(LauncherException.class, () -> Profile.choose(null, Map.of(Profile.ENVIRONMENT, "x")))
                .getMessage().startsWith("IPFSKIT_PROFILE: unknown profile 'x'"));
    }

    @Test
    void theTestProfileKeepsEverythingOnLoopbackWithNoBootstrapPeers() throws Exception {
        assertEquals(Map.of(RuntimeProperties.API, "/ip4/127.0.0.1/tcp/0",
                RuntimeProperties.SWARM, "/ip4/127.0.0.1/tcp/0,/ip4/127.0.0.1/udp/0/quic-v1",
                DaemonCommand.GATEWAY_PROPERTY, "/ip4/127.0.0.1/tcp/0",
                RuntimeProperties.BOOTSTRAP, "", RuntimeProperties.DHT_ACCEPT_PRIVATE_ADDRESSES, "true",
                RuntimeProperties.MDNS, "false"),
                Profile.TEST.properties(etc));
        assertEquals(Map.of(), Profile.DEFAULT.properties(etc));
    }

    @Test
    void theProfileInitWroteIsFoundInEtc() throws Exception {
        assertTrue(Profile.persistedIn(etc).isEmpty());
        assertTrue(Profile.persistedIn(etc.resolve("absent")).isEmpty());
        Profile.TEST.persist(etc);
        assertEquals(java.util.Optional.of(Profile.TEST), Profile.persistedIn(etc));
    }

    @Test
    void aKeyTheRepoConfiguresIsLeftToItsCfgFile() throws Exception {
        Files.writeString(etc.resolve("io.ipfskit.rpc.cfg"), "address = /ip4/127.0.0.1/tcp/5999\nworkers = 4\n");
        Files.writeString(etc.resolve("io.ipfskit.host.cfg"), "lowWater = 30\n");
        Map<String, String> properties = Profile.TEST.properties(etc);
        assertFalse(properties.containsKey(RuntimeProperties.API), "etc/io.ipfskit.rpc.cfg sets the address: " + properties);
        assertEquals("/ip4/127.0.0.1/tcp/0,/ip4/127.0.0.1/udp/0/quic-v1", properties.get(RuntimeProperties.SWARM),
                "the host's cfg does not set listen");
        Files.writeString(etc.resolve("io.ipfskit.discovery.mdns.cfg"), "enabled = true\n");
        assertFalse(Profile.TEST.properties(etc).containsKey(RuntimeProperties.MDNS), "etc/ switches mDNS on");
    }
}
