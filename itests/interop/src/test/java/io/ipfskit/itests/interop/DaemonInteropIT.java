package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our daemon (the distribution, full feature) and a js-libp2p peer identify and ping each other in both directions,
 * and an echo plugin dropped into deploy/ answers js over the wire until its jar is removed.
 */
class DaemonInteropIT {

    private static final String ECHO = "/ipfs-kit/echo/1.0.0";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;

    private Rpc rpc;

    @BeforeEach
    void client() {
        rpc = new Rpc(repo);
    }

    @Test
    void daemonAndJsPeerTalkBothWaysAndTheDroppedPluginAnswers() throws Exception {
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
             JsPeer js = new JsPeer()) {
            daemon.awaitLine("Daemon is ready", LIMIT);
            JsonNode self = rpc.call("id");
            String ourId = self.get("ID").asText();
            String ourAddress = self.get("Addresses").get(0).asText();

            Path dropped = repo.resolve("deploy").resolve("echo-plugin.jar");
            Files.copy(Path.of(System.getProperty("ipfskit.itest.plugin")), dropped);
            await("the dropped plugin's protocol is served", () -> protocols(rpc.call("id")).contains(ECHO));

            // js dials the daemon: identify, ping, and the plugin's protocol over the wire.
            assertEquals(ourId, js.call("dial", Map.of("addr", ourAddress)).get("remotePeer").asText());
            JsonNode jsView = js.call("identify", Map.of("peer", ourId));
            assertTrue(texts(jsView.get("protocols")).containsAll(List.of(ECHO, "/ipfs/ping/1.0.0", "/ipfs/id/1.0.0")),
                    jsView.toString());
            assertTrue(jsView.get("agentVersion").asText().startsWith("ipfs-kit/"), jsView.toString());
            assertTrue(js.call("ping", Map.of("addr", ourAddress)).get("rtt").asDouble() >= 0);
            String payload = "through the dropped-in plugin " + "z".repeat(100_000);
            assertEquals(payload, js.call("echo", Map.of("addr", ourAddress, "data", payload, "protocol", ECHO))
                    .get("data").asText());

            // The daemon knows js by identify, and pings it through the RPC API.
            await("the daemon identified js", () -> rpc.call("id?arg=" + js.peerId).get("AgentVersion").asText().startsWith("js-libp2p/"));
            assertTrue(texts(rpc.call("id?arg=" + js.peerId).get("Protocols")).contains("/test/echo/1.0.0"));
            assertSuccessfulPings(rpc.lines("ping?arg=" + js.peerId + "&count=3"), 3);

            // Removing the jar removes the protocol, and identify push tells js.
            Files.delete(dropped);
            await("the protocol is gone from id", () -> !protocols(rpc.call("id")).contains(ECHO));
            await("js learns it by identify push", () -> !texts(peerOf(js, ourId).get("protocols")).contains(ECHO));
        }
    }

    @Test
    void daemonDialsJsWithTheClientVerbs() throws Exception {
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
             JsPeer js = new JsPeer()) {
            daemon.awaitLine("Daemon is ready", LIMIT);
            String ourId = rpc.call("id").get("ID").asText();
            String repoArg = "--repo=" + repo;

            Cli connect = Cli.run(LIMIT, "swarm", "connect", repoArg, js.address);
            assertEquals(0, connect.exitCode(), connect.output());
            assertTrue(connect.output().contains(js.peerId), connect.output());
            await("js identified the daemon", () -> peerOf(js, ourId).path("agentVersion").asText().startsWith("ipfs-kit/"));
            await("the daemon identified js", () -> rpc.call("id?arg=" + js.peerId).get("AgentVersion").asText().startsWith("js-libp2p/"));

            Cli peers = Cli.run(LIMIT, "swarm", "peers", repoArg, "--verbose");
            assertTrue(peers.output().contains("/p2p/" + js.peerId) && peers.output().contains("outbound /noise /yamux/1.0.0"),
                    peers.output());
            Cli listen = Cli.run(LIMIT, "swarm", "addrs", "listen", repoArg);
            assertTrue(listen.output().matches("(?s)/ip4/127\\.0\\.0\\.1/tcp/\\d+\\s*"), listen.output());
            Cli ping = Cli.run(LIMIT, "ping", repoArg, "-n", "2", js.peerId);
            assertEquals(0, ping.exitCode(), ping.output());
            assertEquals(2, ping.output().lines().filter(l -> l.startsWith("Pong received: time=")).count(), ping.output());
            assertTrue(js.call("ping", Map.of("addr", rpc.call("id").get("Addresses").get(0).asText())).get("rtt").asDouble() >= 0);

            Cli disconnect = Cli.run(LIMIT, "swarm", "disconnect", repoArg, js.address);
            assertEquals(0, disconnect.exitCode(), disconnect.output());
            await("the connection is gone", () -> !rpc.call("swarm/peers").toString().contains(js.peerId));
            Cli badPing = Cli.run(LIMIT, "ping", repoArg, "-n", "0", js.peerId);
            assertEquals(1, badPing.exitCode(), badPing.output());
        }
    }

    private static void assertSuccessfulPings(List<JsonNode> lines, int count) {
        long replies = lines.stream().filter(l -> l.path("Success").asBoolean() && l.path("Time").asLong() > 0).count();
        assertEquals(count, replies, lines.toString());
        assertFalse(lines.stream().anyMatch(l -> !l.path("Success").asBoolean(true)), lines.toString());
    }

    private static JsonNode peerOf(JsPeer js, String peer) {
        try {
            return js.call("peer", Map.of("peer", peer));
        } catch (Exception | AssertionError e) {
            return JSON.createObjectNode();
        }
    }

    private static List<String> protocols(JsonNode id) {
        return texts(id.get("Protocols"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static void await(String what, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting until " + what, last);
            }
            Thread.sleep(50);
        }
    }

    /** A condition that may fail while the system settles; a failure counts as not yet. */
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
