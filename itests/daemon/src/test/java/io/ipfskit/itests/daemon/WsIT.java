package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket between two daemons listening on {@code /ws} only: A connects to B's {@code /ws} address, both list the
 * connection on a WebSocket address, a file moves over Bitswap; stopping B's {@code transport.ws} bundle takes its
 * {@code /ws} address away and closes the connection, starting it brings a {@code /ws} listener back that A reaches.
 */
class WsIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private static String[] wsDaemon(Path repo) {
        return new String[] {"daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
            "/ip4/127.0.0.1/tcp/0/ws"};
    }

    /** The swarm/peers addresses of the node's connections to the peer. */
    private static List<String> connectionAddresses(Rpc rpc, String peer) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : rpc.call("swarm/peers").get("Peers")) {
            if (entry.get("Peer").asText().equals(peer)) {
                out.add(entry.get("Addr").asText());
            }
        }
        return out;
    }

    @Test
    void twoDaemonsTalkOverWebSocketAndTheBundleSwaps() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (Daemon a = Daemon.start(wsDaemon(repoA)); Daemon b = Daemon.start(wsDaemon(repoB))) {
            a.awaitLine("Daemon is ready", LIMIT);
            b.awaitLine("Daemon is ready", LIMIT);
            Rpc rpcA = new Rpc(repoA);
            Rpc rpcB = new Rpc(repoB);
            String idA = rpcA.call("id").get("ID").asText();
            String idB = rpcB.call("id").get("ID").asText();
            String addressB = BitswapIT.address(rpcB);
            assertTrue(addressB.matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/ws/p2p/" + idB), addressB);

            BitswapIT.ok(repoA, "swarm", "connect", addressB);
            BitswapIT.awaitTrue("B lists A's connection", () -> !connectionAddresses(rpcB, idA).isEmpty());
            assertEquals(List.of(addressB.replace("/p2p/" + idB, "")), connectionAddresses(rpcA, idB));
            assertTrue(connectionAddresses(rpcB, idA).get(0).endsWith("/ws"), connectionAddresses(rpcB, idA).toString());

            byte[] content = new byte[3 * 1024 * 1024];
            new Random(17).nextBytes(content);
            Path file = Files.write(temp.resolve("over-ws.bin"), content);
            String cid = BitswapIT.ok(repoB, "add", "-Q", file.toString());
            Path copy = temp.resolve("copy.bin");
            BitswapIT.ok(repoA, "cat", "-o", copy.toString(), cid);
            assertEquals(-1L, Files.mismatch(file, copy), "A read B's file over WebSocket");

            BitswapIT.ok(repoB, "shell", "-c", "ipfs:stop io.ipfskit.transport.ws");
            BitswapIT.awaitTrue("A's connection to B closed", () -> connectionAddresses(rpcA, idB).isEmpty());
            assertEquals(0, rpcB.call("id").get("Addresses").size(), "B advertises no /ws address any more");

            BitswapIT.ok(repoB, "shell", "-c", "ipfs:start io.ipfskit.transport.ws");
            BitswapIT.awaitTrue("B listens on /ws again", () -> rpcB.call("id").get("Addresses").size() > 0);
            String again = BitswapIT.address(rpcB);
            assertTrue(again.contains("/ws/p2p/"), again);
            BitswapIT.ok(repoA, "swarm", "connect", again);
            assertEquals(1, connectionAddresses(rpcA, idB).size());
        }
    }
}
