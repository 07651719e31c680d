package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.Rpc;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed DHT of three of our daemons and three js nodes ({@code @libp2p/kad-dht} 15.1.11), all servers, joined as a
 * chain O1–J1–O2–J2–O3–J3 (each waits for its neighbours to enter its table; lookups find the rest): every node
 * provides a file of its own, and every node finds every other's file through the DHT (our {@code routing/findprovs},
 * asked while not connected to the holder; js {@code contentRouting.findProviders}), fetches it over Bitswap and finds
 * every other node's addresses ({@code routing/findpeer}, js {@code peerRouting.findPeer}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhtMixedNetworkIT {

    private static final Duration LIMIT = DhtNodes.LIMIT;
    private static final int NODES = 6;

    @TempDir
    static Path temp;

    private final List<AutoCloseable> processes = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    /** One member: ours (a repo) or js (a peer process), its id and address, and the file it provides. */
    private record Node(String name, Path repo, JsPeer js, String id, String address, Path file, String cid) {
        boolean ours() {
            return repo != null;
        }
    }

    @BeforeAll
    void network() throws Exception {
        List<Node> started = new ArrayList<>();
        for (int i = 0; i < NODES / 2; i++) {
            started.add(ours("o" + (i + 1)));
            started.add(js("j" + (i + 1)));
        }
        for (int i = 1; i < NODES; i++) {
            connect(started.get(i), started.get(i - 1));
        }
        for (int i = 0; i < NODES; i++) {
            Node node = started.get(i);
            List<String> neighbours = started.subList(Math.max(0, i - 1), Math.min(NODES, i + 2)).stream()
                    .filter(n -> n != node).map(Node::id).toList();
            try {
                DhtNodes.awaitTrue(node.name + "'s table to hold its neighbours in the chain",
                        () -> table(node).containsAll(neighbours));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; its table: " + table(node) + "; neighbours: "
                        + neighbours + (node.ours() ? "; what it knows of them: " + known(node, neighbours) : ""), e);
            }
        }
        int seed = 40;
        for (Node node : started) {
            Path file = Content.randomFile(temp.resolve(node.name + ".bin"), 256 * 1024, seed++);
            String cid;
            if (node.ours()) {
                cid = new Rpc(node.repo).add(node.name + ".bin", Files.readAllBytes(file));
                new Rpc(node.repo).lines("routing/provide?arg=" + cid);
            } else {
                cid = node.js.call("addFile", Map.of("path", file.toString()), LIMIT).get("cid").asText();
                node.js.call("provide", Map.of("cid", cid), LIMIT);
            }
            nodes.add(new Node(node.name, node.repo, node.js, node.id, node.address, file, cid));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable process : processes) {
            process.close();
        }
    }

    @Test
    void everyNodeFindsAndFetchesEveryOthersContentAndFindsEveryPeer() throws Exception {
        List<String> failures = new ArrayList<>();
        // Who holds each node's content: the node, then every node that fetched it (ours provide what they fetch, as
        // boxo's Bitswap does, so a later search may name any of them first).
        Map<Node, Set<String>> holding = new HashMap<>();
        nodes.forEach(n -> holding.put(n, new HashSet<>(Set.of(n.id))));
        for (Node finder : nodes) {
            for (Node holder : nodes) {
                if (finder == holder) {
                    continue;
                }
                String pair = finder.name + " → " + holder.name + ": ";
                try {
                    if (finder.ours()) {
                        ourFinds(finder, holder);
                    } else {
                        jsFinds(finder, holder, holding.get(holder));
                    }
                    holding.get(holder).add(finder.id);
                } catch (AssertionError | Exception e) {
                    failures.add(pair + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures, "every pair finds, fetches and locates");
    }

    private static void ourFinds(Node finder, Node holder) throws Exception {
        Rpc rpc = new Rpc(finder.repo);
        // Not connected when the search starts, so the routing manager's connected-peers router cannot name the holder.
        rpc.send(HttpRequest.newBuilder(rpc.uri("swarm/disconnect?arg=" + holder.address))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        List<String> providers = new ArrayList<>();
        for (JsonNode event : rpc.lines("routing/findprovs?arg=" + holder.cid)) {
            event.get("Responses").forEach(p -> providers.add(p.get("ID").asText()));
        }
        assertTrue(providers.contains(holder.id), "providers " + providers);
        byte[] content = rpc.bytes("cat?arg=" + holder.cid + "&timeout=60s");
        assertEquals(-1, java.util.Arrays.mismatch(Files.readAllBytes(holder.file), content), "content differs");
        JsonNode found = rpc.call("routing/findpeer?arg=" + holder.id);
        assertEquals(2, found.get("Type").asInt(), "findpeer: " + found);
        String address = found.get("Responses").get(0).get("Addrs").get(0).asText();
        assertEquals(holder.address, address + "/p2p/" + holder.id, "findpeer address");
    }

    private static void jsFinds(Node finder, Node holder, Set<String> holding) throws Exception {
        JsonNode providers = finder.js.call("findProviders", Map.of("cid", holder.cid, "count", 1), LIMIT).get("providers");
        assertTrue(holding.contains(providers.get(0).get("id").asText()), "providers " + providers + ", holding "
                + holding);
        finder.js.call("dial", Map.of("addr", holder.address));
        Path copy = temp.resolve(finder.name + "-" + holder.name + ".bin");
        finder.js.call("cat", Map.of("cid", holder.cid, "out", copy.toString()), LIMIT);
        assertEquals(-1, Files.mismatch(holder.file, copy), "content differs");
        JsonNode found = finder.js.call("findPeer", Map.of("peer", holder.id), LIMIT);
        List<String> addresses = new ArrayList<>();
        found.get("addrs").forEach(a -> addresses.add(a.asText() + "/p2p/" + holder.id));
        assertTrue(addresses.contains(holder.address), "findPeer " + found);
    }

    /** What our node's peerstore says of the peers ({@code id PEER}), or why it cannot say. */
    private static List<String> known(Node node, List<String> peers) {
        List<String> out = new ArrayList<>();
        for (String peer : peers) {
            try {
                out.add(new Rpc(node.repo).call("id?arg=" + peer).toString());
            } catch (Exception | AssertionError e) {
                out.add(peer + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The peer ids in the node's (public) routing table. */
    private static List<String> table(Node node) {
        if (node.ours()) {
            return DhtNodes.table(node.repo);
        }
        List<String> peers = new ArrayList<>();
        try {
            node.js.call("dhtPeers", Map.of()).get("peers").forEach(p -> peers.add(p.asText()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return peers;
    }

    private void connect(Node from, Node to) throws Exception {
        if (from.ours()) {
            DhtNodes.ok(from.repo, "swarm", "connect", to.address);
        } else {
            assertEquals(to.id, from.js.call("dial", Map.of("addr", to.address)).get("remotePeer").asText());
        }
    }

    private Node ours(String name) throws Exception {
        Path repo = DhtNodes.repo(temp, name, "server");
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                "/ip4/127.0.0.1/tcp/0");
        processes.add(daemon);
        daemon.awaitLine("Daemon is ready", DhtNodes.START);
        JsonNode id = new Rpc(repo).call("id");
        return new Node(name, repo, null, id.get("ID").asText(), id.get("Addresses").get(0).asText(), null, null);
    }

    private Node js(String name) throws Exception {
        JsPeer peer = new JsPeer(Path.of(System.getProperty("interop.dir")), "helia-peer.mjs", Map.of("DHT", "server"));
        processes.add(peer);
        return new Node(name, null, peer, peer.peerId, peer.address, null, null);
    }
}
