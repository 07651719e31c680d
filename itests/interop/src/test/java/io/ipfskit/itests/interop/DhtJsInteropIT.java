package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * kad-dht interop with js ({@code @libp2p/kad-dht} 15.1.11 on libp2p 2.8.8, in helia-peer.mjs with DHT set), both ways,
 * over one DHT server of ours: B (our daemon, server) is connected to J1 and J2 (js DHT clients) and to C (our daemon,
 * DHT client); nobody else is connected to anybody, and as only B serves, no lookup ever names the others. A CID J1
 * provides (js ADD_PROVIDER to B) is found by C with {@code routing findprovs} and fetched over Bitswap from J1, which
 * C met only through B's record; a CID C provides is found by J2 ({@code contentRouting.findProviders}, answered by B)
 * and fetched from C; C finds J1's addresses and J2 finds C's through B. {@link DhtMixedNetworkIT} has js servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtJsInteropIT {

    private static final Duration LIMIT = DhtNodes.LIMIT;

    @TempDir
    static Path temp;

    private final List<AutoCloseable> nodes = new ArrayList<>();
    private Path repoB;
    private Path repoC;
    private String idB;
    private String idC;
    private JsPeer j1;
    private JsPeer j2;

    @BeforeAll
    void network() throws Exception {
        repoB = DhtNodes.repo(temp, "b", "server");
        repoC = DhtNodes.repo(temp, "c", "client");
        daemon(repoB);
        daemon(repoC);
        j1 = js("client");
        j2 = js("client");
        Rpc b = new Rpc(repoB);
        idB = b.call("id").get("ID").asText();
        idC = new Rpc(repoC).call("id").get("ID").asText();
        String addressB = b.call("id").get("Addresses").get(0).asText();
        assertEquals(idB, j1.call("dial", Map.of("addr", addressB)).get("remotePeer").asText());
        assertEquals(idB, j2.call("dial", Map.of("addr", addressB)).get("remotePeer").asText());
        assertEquals("connect " + idB + " success", DhtNodes.ok(repoC, "swarm", "connect", addressB));
        DhtNodes.awaitTrue("C's table to hold B", () -> DhtNodes.table(repoC).contains(idB));
        DhtNodes.awaitTrue("J1's and J2's tables to hold B", () -> jsTableHolds(j1, idB) && jsTableHolds(j2, idB));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable node : nodes) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void peersAreFoundThroughTheOtherImplementation() throws Exception {
        List<String> addresses = DhtNodes.ok(repoC, "routing", "findpeer", j1.peerId).lines().toList();
        assertEquals(List.of(j1.address), addresses.stream().map(a -> a + "/p2p/" + j1.peerId).toList(),
                "C finds J1 through B");
        JsonNode found = j2.call("findPeer", Map.of("peer", idC), LIMIT);
        List<String> ours = new ArrayList<>();
        new Rpc(repoC).call("id").get("Addresses").forEach(a -> ours.add(a.asText()));
        assertTrue(found.get("addrs").size() > 0, "J2 finds C's addresses through B: " + found);
        found.get("addrs").forEach(a -> assertTrue(ours.contains(a.asText() + "/p2p/" + idC), a + " not in " + ours));
    }

    @Test
    @Order(2)
    void ourClientFindsAndFetchesWhatJsProvides() throws Exception {
        Path file = Content.randomFile(temp.resolve("from-js.bin"), 2L << 20, 31);
        String cid = j1.call("addFile", Map.of("path", file.toString()), LIMIT).get("cid").asText();
        j1.call("provide", Map.of("cid", cid), LIMIT);
        assertTrue(DhtNodes.ok(repoC, "swarm", "peers").lines().noneMatch(p -> p.endsWith("/p2p/" + j1.peerId)),
                "C is not connected to J1");

        Path copy = temp.resolve("on-c.bin");
        DhtNodes.ok(repoC, "cat", "-o", copy.toString(), cid);
        assertEquals(-1, Files.mismatch(file, copy), "C wrote J1's bytes");
        List<String> providers = DhtNodes.ok(repoC, "routing", "findprovs", cid).lines().toList();
        assertEquals(j1.peerId, providers.get(0), "J1 is named first: " + providers);
    }

    @Test
    @Order(3)
    void jsFindsAndFetchesWhatOurNodeProvides() throws Exception {
        Path file = Content.randomFile(temp.resolve("from-us.bin"), 2L << 20, 32);
        String cid = DhtNodes.ok(repoC, "add", "-Q", file.toString());
        DhtNodes.ok(repoC, "routing", "provide", cid);

        JsonNode providers = j2.call("findProviders", Map.of("cid", cid, "count", 1), LIMIT).get("providers");
        assertEquals(idC, providers.get(0).get("id").asText(), "J2 finds C: " + providers);
        String address = providers.get(0).get("addrs").get(0).asText();
        assertEquals(idC, j2.call("dial", Map.of("addr", address + "/p2p/" + idC)).get("remotePeer").asText());
        Path copy = temp.resolve("on-j2.bin");
        assertEquals(Files.size(file), j2.call("cat", Map.of("cid", cid, "out", copy.toString()), LIMIT)
                .get("size").asLong());
        assertEquals(-1, Files.mismatch(file, copy), "J2 wrote C's bytes");
    }

    private static boolean jsTableHolds(JsPeer peer, String id) {
        try {
            for (JsonNode p : peer.call("dhtPeers", Map.of()).get("peers")) {
                if (p.asText().equals(id)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsPeer js(String mode) throws Exception {
        JsPeer peer = new JsPeer(Path.of(System.getProperty("interop.dir")), "helia-peer.mjs", Map.of("DHT", mode));
        nodes.add(peer);
        return peer;
    }

    private void daemon(Path repo) throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                "/ip4/127.0.0.1/tcp/0");
        nodes.add(daemon);
        daemon.awaitLine("Daemon is ready", DhtNodes.START);
    }
}
