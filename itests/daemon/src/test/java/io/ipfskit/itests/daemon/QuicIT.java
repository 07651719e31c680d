package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Rpc;
import io.ipfskit.itests.support.RunningNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUIC between two daemons: on QUIC alone they connect, {@code swarm peers} shows the connection as {@code quic-v1}
 * (transport, security and muxer) and a file moves over Bitswap; listening on TCP and QUIC (the test profile), a
 * peer first reached over TCP is dialled again over QUIC once identify has told its QUIC address.
 */
class QuicIT {

    @TempDir
    Path temp;

    private static String[] quicDaemon(Path repo) {
        return new String[] {"daemon", "--repo", repo.toString(), "--swarm", "/ip4/127.0.0.1/udp/0/quic-v1"};
    }

    /** The {@code swarm/peers} entry of the node's one connection to the peer. */
    private static JsonNode connection(Rpc rpc, String peer) throws Exception {
        return rpc.connections(peer).stream().findFirst().orElseThrow(() -> new AssertionError("no connection to " + peer));
    }

    @Test
    void twoDaemonsTalkOverQuicAndAFileMovesOverBitswap() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (RunningNode a = RunningNode.start(repoA, quicDaemon(repoA));
                RunningNode b = RunningNode.start(repoB, quicDaemon(repoB))) {
            String idA = a.id();
            String idB = b.id();
            String addressB = b.address();
            assertTrue(addressB.matches("/ip4/127\\.0\\.0\\.1/udp/\\d+/quic-v1/p2p/" + idB), addressB);

            BitswapIT.ok(repoA, "swarm", "connect", addressB);
            BitswapIT.awaitTrue("B lists A's connection", () -> !b.rpc().connectionAddresses(idA).isEmpty());
            JsonNode seenByA = connection(a.rpc(), idB);
            assertEquals(addressB.replace("/p2p/" + idB, ""), seenByA.get("Addr").asText());
            assertEquals("quic-v1", seenByA.get("Muxer").asText());
            assertEquals("quic-v1", seenByA.get("Security").asText());
            assertTrue(connection(b.rpc(), idA).get("Addr").asText().endsWith("/quic-v1"));

            byte[] content = new byte[3 * 1024 * 1024];
            new Random(11).nextBytes(content);
            Path file = Files.write(temp.resolve("over-quic.bin"), content);
            String cid = BitswapIT.ok(repoB, "add", "-Q", file.toString());
            Path copy = temp.resolve("copy.bin");
            BitswapIT.ok(repoA, "cat", "-o", copy.toString(), cid);
            assertEquals(-1L, Files.mismatch(file, copy), "A read B's file over QUIC");
        }
    }

    @Test
    void aPeerListeningOnTcpAndQuicIsDialledOverQuic() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (RunningNode a = RunningNode.start(repoA, "daemon", "--repo", repoA.toString());
                RunningNode b = RunningNode.start(repoB, "daemon", "--repo", repoB.toString())) {
            String idB = b.id();
            JsonNode addresses = b.rpc().call("id").get("Addresses");
            assertEquals(2, addresses.size(), "the test profile listens on TCP and QUIC: " + addresses);
            String tcpB = addresses.get(0).asText();
            assertTrue(tcpB.contains("/tcp/"), tcpB);

            BitswapIT.ok(repoA, "swarm", "connect", tcpB);
            assertEquals("/yamux/1.0.0", connection(a.rpc(), idB).get("Muxer").asText(), "the address given was TCP");
            BitswapIT.awaitTrue("identify told A B's QUIC address", () -> a.rpc().call("swarm/addrs").get("Addrs")
                    .path(idB).toString().contains("/quic-v1"));
            BitswapIT.ok(repoA, "swarm", "disconnect", "/p2p/" + idB);
            // discovery may dial B again at once; whoever dials, the connection comes over QUIC
            BitswapIT.awaitTrue("the TCP connection is gone",
                    () -> a.rpc().connectionAddresses(idB).stream().noneMatch(address -> address.contains("/tcp/")));

            a.rpc().lines("ping?arg=" + idB + "&count=1");
            assertEquals(List.of("quic-v1"), a.rpc().connectionAddresses(idB).stream()
                    .map(address -> address.substring(address.lastIndexOf('/') + 1)).distinct().toList(),
                    "dialled again, QUIC first: " + a.rpc().call("swarm/peers"));
        }
    }
}
