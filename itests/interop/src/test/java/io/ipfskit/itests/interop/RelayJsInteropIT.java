package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.Rpc;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Circuit relay v2 with js-libp2p's {@code @libp2p/circuit-relay-v2} 3.2.24 (relay-peer.mjs), both ways: a js relay
 * carries a connection between two of our daemons (A reserves there with {@code --relay}, B dials A's /p2p-circuit
 * address and reads a file over Bitswap), and our relay carries one between two js peers (one reserves on our daemon by
 * listening on its /p2p-circuit address, the other echoes through it over a limited connection).
 */
class RelayJsInteropIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private static JsPeer relayPeer(Map<String, String> environment) throws Exception {
        return new JsPeer(Path.of(System.getProperty("interop.dir", ".")), "relay-peer.mjs", environment);
    }

    private static Daemon daemon(Path repo, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("daemon", "--repo", repo.toString(), "--api",
                "/ip4/127.0.0.1/tcp/0", "--swarm", "/ip4/127.0.0.1/tcp/0"));
        arguments.addAll(List.of(extra));
        Daemon daemon = Daemon.start(arguments.toArray(String[]::new));
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The daemon's /p2p-circuit address, waiting (bounded) until its reservation holds. */
    private static String circuitAddress(Rpc rpc, Daemon daemon) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            for (JsonNode a : rpc.call("id").get("Addresses")) {
                if (a.asText().contains("/p2p-circuit/")) {
                    return a.asText();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no /p2p-circuit address within " + LIMIT + ": " + rpc.call("id") + "\n"
                        + daemon.output());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aJsRelayCarriesOurDaemonsConnection() throws Exception {
        // A without hole punching: on loopback DCUtR would replace the relayed connection at once (DcutrJsInteropIT)
        Files.writeString(Files.createDirectories(temp.resolve("a").resolve("etc")).resolve("io.ipfskit.relay.cfg"),
                "holePunching = false\n");
        try (JsPeer relay = relayPeer(Map.of("RELAY", "1"));
                Daemon a = daemon(temp.resolve("a"), "--relay", relay.address);
                Daemon b = daemon(temp.resolve("b"))) {
            Rpc rpcA = new Rpc(temp.resolve("a"));
            Rpc rpcB = new Rpc(temp.resolve("b"));
            String circuit = circuitAddress(rpcA, a);
            String idA = rpcA.call("id").get("ID").asText();
            assertTrue(circuit.startsWith(relay.address + "/p2p-circuit/p2p/" + idA), circuit);

            rpcB.call("swarm/connect?arg=" + encoded(circuit));
            byte[] content = new byte[20 * 1024];
            new Random(3).nextBytes(content);
            String cid = rpcA.add("through-js.bin", content);
            assertArrayEquals(content, rpcB.bytes("cat?arg=" + cid + "&timeout=60s"));
            for (JsonNode peer : rpcB.call("swarm/peers").get("Peers")) {
                if (peer.get("Peer").asText().equals(idA)) {
                    assertTrue(peer.get("Addr").asText().contains("/p2p-circuit"), peer.toString());
                }
            }
        }
    }

    @Test
    void ourRelayCarriesAJsConnection() throws Exception {
        try (Daemon r = daemon(temp.resolve("r"))) {
            Rpc rpcR = new Rpc(temp.resolve("r"));
            String relay = rpcR.call("id").get("Addresses").get(0).asText();
            try (JsPeer target = relayPeer(Map.of("RESERVE_ON", relay)); JsPeer dialler = relayPeer(Map.of())) {
                String circuit = null;
                for (JsonNode a : target.call("addrs", Map.of()).get("addrs")) {
                    if (a.asText().contains("/p2p-circuit")) {
                        circuit = a.asText();
                    }
                }
                assertTrue(circuit != null && circuit.startsWith(relay + "/p2p-circuit"), "js reserved on our relay: "
                        + target.call("addrs", Map.of()));
                String data = "hello through an ipfs-kit relay";
                assertEquals(data, dialler.call("echo", Map.of("addr", circuit, "data", data)).get("data").asText());
                JsonNode connection = null;
                for (JsonNode c : dialler.call("connections", Map.of()).get("connections")) {
                    if (c.get("peer").asText().equals(target.peerId)) {
                        connection = c;
                    }
                }
                assertTrue(connection != null && connection.get("addr").asText().contains("/p2p-circuit")
                        && connection.get("limited").asBoolean(), "a limited relayed connection: " + connection);
            }
        }
    }
}
