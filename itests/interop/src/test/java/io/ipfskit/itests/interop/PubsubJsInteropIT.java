package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.Pubsub;
import io.ipfskit.itests.support.Rpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GossipSub interop with js ({@code @chainsafe/libp2p-gossipsub} 14.1.2, StrictSign, in pubsub-peer.mjs): what js
 * publishes reaches our {@code pubsub/sub} (we verified its signature), what we publish reaches js (js verified ours,
 * and scores us no lower for it); and a mesh of 3 js and 3 daemons delivers every message to every subscriber.
 */
class PubsubJsInteropIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String TOPIC = "interop/chat";

    @TempDir
    Path temp;

    private final List<AutoCloseable> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable node : nodes) {
            node.close();
        }
    }

    private Rpc daemon(String name) throws Exception {
        Path repo = temp.resolve(name);
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                "/ip4/127.0.0.1/tcp/0");
        nodes.add(daemon);
        daemon.awaitLine("Daemon is ready", DhtNodes.START);
        return new Rpc(repo);
    }

    private JsPeer js() throws Exception {
        JsPeer peer = new JsPeer(Path.of(System.getProperty("interop.dir", ".")), "pubsub-peer.mjs", Map.of());
        nodes.add(peer);
        return peer;
    }

    private static String id(Rpc rpc) throws Exception {
        return rpc.call("id").get("ID").asText();
    }

    private static boolean peersOf(Rpc rpc, String peer) {
        try {
            return rpc.call("pubsub/peers?arg=" + Pubsub.topic(TOPIC)).get("Strings").toString().contains(peer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean subscribersOf(JsPeer js, String peer) {
        try {
            return js.call("subscribers", Map.of("topic", TOPIC)).get("peers").toString().contains(peer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int meshOf(JsPeer js) {
        try {
            return js.call("mesh", Map.of("topic", TOPIC)).get("peers").size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The messages the js peer has received so far (type, topic, from, data, seqno, signature). */
    private static List<JsonNode> received(JsPeer js) {
        try {
            List<JsonNode> messages = new ArrayList<>();
            js.call("messages", Map.of()).get("messages").forEach(messages::add);
            return messages;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode messageAt(JsPeer js, String data) throws Exception {
        DhtNodes.awaitTrue("js to receive " + data,
                () -> received(js).stream().anyMatch(m -> data.equals(m.get("data").asText())));
        return received(js).stream().filter(m -> data.equals(m.get("data").asText())).findFirst().orElseThrow();
    }

    @Test
    void messagesCrossBothWaysSignedAndVerified() throws Exception {
        Rpc ours = daemon("ours");
        String idOurs = id(ours);
        JsPeer js = js();
        assertEquals(idOurs, js.call("dial", Map.of("addr", ours.call("id").get("Addresses").get(0).asText()))
                .get("remotePeer").asText());
        js.call("subscribe", Map.of("topic", TOPIC));
        try (Pubsub sub = Pubsub.subscribe(ours, TOPIC)) {
            DhtNodes.awaitTrue("each side to see the other in the topic",
                    () -> peersOf(ours, js.peerId) && subscribersOf(js, idOurs));

            js.call("publish", Map.of("topic", TOPIC, "data", "from js"));
            Pubsub.Received got = sub.next(LIMIT);
            assertEquals("from js", got.data());
            assertEquals(js.peerId, got.json().get("from").asText(), "the js origin, its signature verified by us");

            Pubsub.publish(ours, TOPIC, "from java".getBytes(StandardCharsets.UTF_8));
            JsonNode atJs = messageAt(js, "from java");
            assertEquals("signed", atJs.get("type").asText(), "js took it under StrictSign");
            assertEquals(idOurs, atJs.get("from").asText());
            assertEquals(TOPIC, atJs.get("topic").asText());
            assertTrue(js.call("score", Map.of("peer", idOurs)).get("score").asDouble() >= 0,
                    "js scores us without penalty");
        }
    }

    @Test
    void aMeshOfThreeJsAndThreeOfOursDeliversEveryMessageToEverySubscriber() throws Exception {
        List<Rpc> daemons = List.of(daemon("d0"), daemon("d1"), daemon("d2"));
        List<JsPeer> jsPeers = List.of(js(), js(), js());
        List<String> daemonIds = new ArrayList<>();
        for (Rpc d : daemons) {
            daemonIds.add(id(d));
        }
        // a ring through both implementations, plus each js peer dialling the daemon opposite it
        for (int i = 0; i < 3; i++) {
            Rpc d = daemons.get(i);
            jsPeers.get(i).call("dial", Map.of("addr", d.call("id").get("Addresses").get(0).asText()));
            jsPeers.get(i).call("dial", Map.of("addr", daemons.get((i + 1) % 3).call("id").get("Addresses").get(0)
                    .asText()));
            jsPeers.get((i + 1) % 3).call("dial", Map.of("addr", jsPeers.get(i).address));
        }
        List<Pubsub> subs = new ArrayList<>();
        for (Rpc d : daemons) {
            Pubsub sub = Pubsub.subscribe(d, TOPIC);
            nodes.add(sub);
            subs.add(sub);
        }
        for (JsPeer j : jsPeers) {
            j.call("subscribe", Map.of("topic", TOPIC));
        }
        for (int i = 0; i < 3; i++) {
            int k = i;
            DhtNodes.awaitTrue("the topic's peers to be known", () -> peersOf(daemons.get(k), jsPeers.get(k).peerId)
                    && subscribersOf(jsPeers.get(k), daemonIds.get(k)));
        }
        // Every js peer has four peers on the topic (its two daemons, its two js neighbours) and meshes with all of
        // them (D_lo 4): only then does a message published anywhere reach every subscriber through meshes alone
        // (before, a daemon not yet in any js mesh could miss one: a CI failure under load).
        for (JsPeer j : jsPeers) {
            DhtNodes.awaitTrue("js meshes to form", () -> meshOf(j) >= 4);
        }
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String fromJs = "js-" + i;
            jsPeers.get(i).call("publish", Map.of("topic", TOPIC, "data", fromJs));
            published.add(fromJs);
            String fromUs = "ours-" + i;
            Pubsub.publish(daemons.get(i), TOPIC, fromUs.getBytes(StandardCharsets.UTF_8));
            published.add(fromUs);
        }
        for (int i = 0; i < 3; i++) {
            Set<String> got = new HashSet<>();
            while (got.size() < published.size()) {
                Pubsub.Received next = subs.get(i).poll(LIMIT);
                if (next == null) {
                    throw new AssertionError("daemon " + i + " got only " + got + " of " + published);
                }
                got.add(next.data());
            }
            assertEquals(new HashSet<>(published), got, "daemon " + i + " got every message (its own too, as go)");
            Set<String> expected = new HashSet<>(published);
            expected.remove("js-" + i);
            JsPeer js = jsPeers.get(i);
            DhtNodes.awaitTrue("js " + i + " to get every message but its own", () -> expected.equals(
                    received(js).stream().map(m -> m.get("data").asText()).collect(Collectors.toSet())));
        }
    }
}
