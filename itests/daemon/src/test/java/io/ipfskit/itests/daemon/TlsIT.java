package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
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
 * TLS between two daemons of the full feature: with both channels they agree on Noise (ranked first); once B's Noise
 * bundle is stopped, a new connection is secured by {@code /tls/1.0.0} on both ends (swarm/peers' Security, yamux agreed
 * in the handshake) and carries a file over Bitswap.
 */
class TlsIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    /** The security protocol of the node's connection to the peer, waiting (bounded) until there is one. */
    private static String security(Rpc rpc, String peer) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            List<JsonNode> entries = rpc.connections(peer);
            if (!entries.isEmpty()) {
                assertEquals("/yamux/1.0.0", entries.get(0).get("Muxer").asText());
                return entries.get(0).get("Security").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection to " + peer + " within " + LIMIT);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void withNoiseStoppedNewConnectionsUseTls() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (RunningNode a = RunningNode.start(repoA, BitswapIT.daemonArguments(repoA));
                RunningNode b = RunningNode.start(repoB, BitswapIT.daemonArguments(repoB))) {
            Rpc rpcA = a.rpc();
            Rpc rpcB = b.rpc();
            String idA = a.id();
            String idB = b.id();
            String addressB = b.address();

            BitswapIT.ok(repoA, "swarm", "connect", addressB);
            assertEquals("/noise", security(rpcA, idB));
            BitswapIT.ok(repoA, "swarm", "disconnect", addressB);

            BitswapIT.ok(repoB, "shell", "-c", "ipfs:stop io.ipfskit.security.noise");
            BitswapIT.ok(repoA, "swarm", "connect", addressB);
            assertEquals("/tls/1.0.0", security(rpcA, idB));
            assertEquals("/tls/1.0.0", security(rpcB, idA));

            byte[] content = new byte[3 * 1024 * 1024];
            new Random(11).nextBytes(content);
            Path file = Files.write(temp.resolve("over-tls.bin"), content);
            String cid = BitswapIT.ok(repoB, "add", "-Q", file.toString());
            Path copy = temp.resolve("copy.bin");
            BitswapIT.ok(repoA, "cat", "-o", copy.toString(), cid);
            assertEquals(-1L, Files.mismatch(file, copy), "A read B's file over TLS");
            assertEquals("/tls/1.0.0", security(rpcA, idB), "the file came over the TLS connection");
        }
    }
}
