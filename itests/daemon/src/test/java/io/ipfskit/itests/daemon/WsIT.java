package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Rpc;
import io.ipfskit.itests.support.RunningNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void twoDaemonsTalkOverWebSocketAndTheBundleSwaps() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (RunningNode a = RunningNode.start(repoA, wsDaemon(repoA));
                RunningNode b = RunningNode.start(repoB, wsDaemon(repoB))) {
            Rpc rpcA = a.rpc();
            Rpc rpcB = b.rpc();
            String idA = a.id();
            String idB = b.id();
            String addressB = b.address();
            assertTrue(addressB.matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/ws/p2p/" + idB), addressB);

            BitswapIT.ok(repoA, "swarm", "connect", addressB);
            BitswapIT.awaitTrue("B lists A's connection", () -> !rpcB.connectionAddresses(idA).isEmpty());
            assertEquals(List.of(addressB.replace("/p2p/" + idB, "")), rpcA.connectionAddresses(idB));
            assertTrue(rpcB.connectionAddresses(idA).get(0).endsWith("/ws"), rpcB.connectionAddresses(idA).toString());

            byte[] content = new byte[3 * 1024 * 1024];
            new Random(17).nextBytes(content);
            Path file = Files.write(temp.resolve("over-ws.bin"), content);
            String cid = BitswapIT.ok(repoB, "add", "-Q", file.toString());
            Path copy = temp.resolve("copy.bin");
            BitswapIT.ok(repoA, "cat", "-o", copy.toString(), cid);
            assertEquals(-1L, Files.mismatch(file, copy), "A read B's file over WebSocket");

            BitswapIT.ok(repoB, "shell", "-c", "ipfs:stop io.ipfskit.transport.ws");
            BitswapIT.awaitTrue("A's connection to B closed", () -> rpcA.connectionAddresses(idB).isEmpty());
            assertEquals(0, rpcB.call("id").get("Addresses").size(), "B advertises no /ws address any more");

            BitswapIT.ok(repoB, "shell", "-c", "ipfs:start io.ipfskit.transport.ws");
            BitswapIT.awaitTrue("B listens on /ws again", () -> rpcB.call("id").get("Addresses").size() > 0);
            String again = b.address();
            assertTrue(again.contains("/ws/p2p/"), again);
            BitswapIT.ok(repoA, "swarm", "connect", again);
            assertEquals(1, rpcA.connectionAddresses(idB).size());
        }
    }
}
