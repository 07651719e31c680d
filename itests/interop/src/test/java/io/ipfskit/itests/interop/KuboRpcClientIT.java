package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import io.ipfskit.multiformats.Cid;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubo-rpc-client 7.1.0 from npm, unmodified ({@code kubo-rpc-client.mjs}), runs its calls against daemon A's RPC API
 * while A is connected to daemon B (DHT servers, B subscribed to the topic); every result is checked against what A
 * (or B) holds afterwards, read through our own RPC client.
 */
class KuboRpcClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "kubo-rpc-client/itest";

    @TempDir
    Path temp;

    @Test
    void everyCallOfKuboRpcClientAgreesWithWhatTheDaemonHolds() throws Exception {
        Path repoA = DhtNodes.repo(temp, "a", "server");
        Path repoB = DhtNodes.repo(temp, "b", "server");
        byte[] file = Files.readAllBytes(Content.randomFile(temp.resolve("file.bin"), 3_000_017, 7));
        Path dir = Content.tree(temp.resolve("dir"), 8);
        try (Daemon a = Daemon.start("daemon", "--repo", repoA.toString());
                Daemon b = Daemon.start("daemon", "--repo", repoB.toString())) {
            a.awaitLine("Daemon is ready", DhtNodes.START);
            b.awaitLine("Daemon is ready", DhtNodes.START);
            Rpc rpcA = new Rpc(repoA);
            Rpc rpcB = new Rpc(repoB);
            String idA = rpcA.call("id").get("ID").asText();
            String idB = rpcB.call("id").get("ID").asText();
            String addressB = rpcB.call("id").get("Addresses").get(0).asText();
            rpcA.call("swarm/connect?arg=" + addressB);
            DhtNodes.awaitTrue("A and B are in each other's DHT table",
                    () -> DhtNodes.table(repoA).contains(idB) && DhtNodes.table(repoB).contains(idA));
            String heldByB = rpcB.add("b.bin", "only B stored this".getBytes(StandardCharsets.UTF_8));
            rpcB.lines("routing/provide?arg=" + heldByB);
            CompletableFuture<HttpResponse<Stream<String>>> subscriptionB = subscribe(rpcB);
            DhtNodes.awaitTrue("A sees B subscribed", () -> texts(call(rpcA, "pubsub/peers?arg=" + topic())).contains(idB));

            Map<String, JsonNode> r = runClient(rpcA, Map.of("FILE", temp.resolve("file.bin").toString(),
                    "DIR", dir.toString(), "PEER", addressB, "TOPIC", TOPIC, "FIND", heldByB));

            JsonNode id = rpcA.call("id");
            assertEquals(idA, r.get("id").get("id").asText());
            assertEquals(texts(id.get("Addresses")), texts(r.get("id").get("addresses")));
            assertEquals(new TreeSet<>(texts(id.get("Protocols"))), new TreeSet<>(texts(r.get("id").get("protocols"))));
            assertEquals(id.get("AgentVersion").asText(), r.get("id").get("agentVersion").asText());
            assertEquals(id.get("PublicKey").asText(), r.get("id").get("publicKey").asText());
            assertEquals(rpcA.call("version").get("Version").asText(), r.get("version").get("version").asText());

            // add (CIDv1, raw leaves) and cat: the daemon serves the same bytes under the CID the client got
            String fileCid = r.get("add").get("cid").asText();
            assertEquals(1, Cid.parse(fileCid).version());
            assertArrayEquals(file, rpcA.bytes("cat?arg=" + fileCid + "&offline=true"));
            assertEquals(digest(file), r.get("cat"));
            assertEquals(digest(Arrays.copyOfRange(file, 10, 1010)), r.get("catRange"));

            // addAll wrapped in a directory, and ls: the entries the daemon lists
            List<JsonNode> added = list(r.get("addAll"));
            String dirCid = added.get(added.size() - 1).get("cid").asText();
            assertEquals("", added.get(added.size() - 1).get("path").asText());
            List<JsonNode> links = list(rpcA.call("ls?arg=" + dirCid).get("Objects").get(0).get("Links"));
            List<JsonNode> listed = list(r.get("ls"));
            assertEquals(links.size(), listed.size());
            for (int i = 0; i < links.size(); i++) {
                assertEquals(links.get(i).get("Name").asText(), listed.get(i).get("name").asText());
                assertEquals(links.get(i).get("Hash").asText(), listed.get(i).get("cid").asText());
                assertEquals(links.get(i).get("Size").asLong(), listed.get(i).get("size").asLong());
                assertEquals(links.get(i).get("Type").asInt() == 1 ? "dir" : "file", listed.get(i).get("type").asText());
                assertTrue(cids(added).contains(listed.get(i).get("cid").asText()), listed.get(i).toString());
            }

            // pins: rm, add, ls agree with the daemon's pin set at the end (dag import pinned the root again)
            assertEquals(dirCid, r.get("pin.rm").asText());
            assertFalse(cids(list(r.get("pin.lsAfterRm"))).contains(dirCid));
            assertEquals(dirCid, r.get("pin.add").asText());
            assertEquals(new TreeSet<>(rpcA.call("pin/ls?type=recursive").get("Keys").properties().stream()
                    .map(Map.Entry::getKey).toList()), new TreeSet<>(cids(list(r.get("pin.ls")))));
            assertTrue(cids(list(r.get("pin.ls"))).containsAll(List.of(dirCid, fileCid)));
            assertEquals(List.of(dirCid), cids(list(r.get("pin.lsPath"))));

            // block put/get/stat/rm: the bytes round-trip and the removed block is gone from the daemon
            String block = r.get("block.put").asText();
            assertEquals(r.get("block.putInput"), r.get("block.get"));
            assertEquals(r.get("block.putInput").get("length").asInt(), r.get("block.stat").get("size").asInt());
            assertEquals(block, r.get("block.stat").get("cid").asText());
            assertEquals(List.of(block), cids(list(r.get("block.rm"))));
            assertFalse(r.get("block.rm").get(0).has("error"), r.get("block.rm").toString());
            assertNotEquals(200, status(rpcA, "block/stat?arg=" + block + "&offline=true"), "the removed block is gone");

            // dag export/import/put/get
            assertEquals(digest(rpcA.bytes("dag/export?arg=" + dirCid)), r.get("dag.export"));
            assertEquals(dirCid, r.get("dag.import").get(0).get("root").get("cid").asText());
            assertEquals("world", r.get("dag.getPut").get("hello").asText());
            assertEquals(Cid.parse(r.get("dag.put").asText()).codec(), 0x71L, "dag-cbor");
            assertEquals(links.stream().map(l -> l.get("Name").asText()).toList(),
                    list(r.get("dag.get").get("Links")).stream().map(l -> l.get("Name").asText()).toList());
            JsonNode transcode = r.get("dag.transcode");
            assertEquals(transcode.get("cborExpected"), transcode.get("cbor"), "dag-json in, dag-cbor stored: js's CID");
            assertEquals(transcode.get("jsonExpected"), transcode.get("json"), "dag-cbor in, dag-json stored: js's CID");
            assertEquals(transcode.get("getExpected"), transcode.get("get"), "dag get gives js's dag-json bytes");
            assertEquals("\"" + links.get(0).get("Name").asText() + "\"", transcode.get("getPath").asText(),
                    "dag get follows a path through a link into a dag-pb node");

            // swarm: connect, peers, local and known addresses as the daemon has them
            assertTrue(r.get("swarm.connect").get(0).asText().contains(idB), r.get("swarm.connect").toString());
            JsonNode peerB = list(r.get("swarm.peers")).stream().filter(p -> p.get("peer").asText().equals(idB))
                    .findFirst().orElseThrow(() -> new AssertionError(r.get("swarm.peers").toString()));
            JsonNode peersA = call(rpcA, "swarm/peers").get("Peers");
            assertTrue(list(peersA).stream().anyMatch(p -> p.get("Peer").asText().equals(idB)
                    && p.get("Addr").asText().equals(peerB.get("addr").asText())), peersA.toString());
            assertEquals(texts(rpcA.call("swarm/addrs/listen").get("Strings")), texts(r.get("swarm.localAddrs")));
            JsonNode knownB = list(r.get("swarm.addrs")).stream().filter(p -> p.get("id").asText().equals(idB))
                    .findFirst().orElseThrow(() -> new AssertionError(r.get("swarm.addrs").toString()));
            assertTrue(texts(knownB.get("addrs")).contains(addressB.substring(0, addressB.indexOf("/p2p/"))), knownB.toString());

            // repo gc took the unpinned add (and the dag put) and nothing pinned; stat is the daemon's after it
            Set<String> collected = multihashes(list(r.get("repo.gc")));
            assertTrue(collected.contains(multihash(r.get("addUnpinned").get("cid").asText())), collected.toString());
            assertTrue(collected.contains(multihash(r.get("dag.put").asText())), collected.toString());
            assertFalse(collected.contains(multihash(dirCid)) || collected.contains(multihash(fileCid)), collected.toString());
            assertFalse(r.get("block.statAfterGc").path("ok").asBoolean(true), "the collected block is gone");
            JsonNode repoStat = rpcA.call("repo/stat");
            assertEquals(repoStat.get("NumObjects").asLong(), r.get("repo.stat").get("numObjects").asLong());
            assertEquals(repoStat.get("RepoSize").asLong(), r.get("repo.stat").get("repoSize").asLong());
            assertEquals(repoStat.get("StorageMax").asLong(), r.get("repo.stat").get("storageMax").asLong());
            assertEquals(repoStat.get("RepoPath").asText(), r.get("repo.stat").get("repoPath").asText());

            // bitswap: the daemon's counters, wantlist and ledger peers
            JsonNode bitswap = rpcA.call("bitswap/stat");
            for (String counter : List.of("BlocksReceived", "DataReceived", "BlocksSent", "DataSent", "DupBlksReceived")) {
                String field = Character.toLowerCase(counter.charAt(0)) + counter.substring(1);
                assertEquals(bitswap.get(counter).asLong(), r.get("bitswap.stat").get(field).asLong(), counter);
            }
            assertEquals(texts(bitswap.get("Peers")), texts(r.get("bitswap.stat").get("peers")));
            assertEquals(list(rpcA.call("bitswap/wantlist").path("Keys")).size(), list(r.get("bitswap.wantlist")).size());

            // routing: A's provide reaches B's DHT; A finds B as the provider of what only B holds
            DhtNodes.awaitTrue("B finds A as a provider of what A provided", () -> lines(rpcB,
                    "routing/findprovs?arg=" + fileCid + "&num-providers=1").contains(idA));
            assertTrue(r.get("routing.findProvs").toString().contains(idB), r.get("routing.findProvs").toString());

            // pubsub: A's own subscriber got the message, B (subscribed through our API) got it too, B is a topic peer
            JsonNode message = r.get("pubsub.subscribeAndPublish");
            assertEquals(idA, message.get("from").asText());
            assertEquals(TOPIC, message.get("topic").asText());
            assertEquals("hello from kubo-rpc-client", message.get("data").asText());
            assertTrue(texts(r.get("pubsub.ls")).contains(TOPIC));
            assertEquals(List.of(idB), texts(r.get("pubsub.peers")));
            String receivedByB = subscriptionB.get(30, TimeUnit.SECONDS).body().filter(line -> !line.isBlank())
                    .findFirst().orElseThrow();
            assertEquals(idA, JSON.readTree(receivedByB).get("from").asText());
            assertEquals("u" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "hello from kubo-rpc-client".getBytes(StandardCharsets.UTF_8)), JSON.readTree(receivedByB).get("data").asText());
        }
    }

    /**
     * Runs kubo-rpc-client.mjs against the daemon's API and returns each call's result by name; fails naming every call
     * that failed.
     */
    private Map<String, JsonNode> runClient(Rpc rpc, Map<String, String> environment) throws Exception {
        String api = rpc.uri("").toString().replace("/api/v0/", "");
        Path stderr = temp.resolve("kubo-rpc-client.err");
        ProcessBuilder builder = new ProcessBuilder("node", "kubo-rpc-client.mjs")
                .directory(Path.of(System.getProperty("interop.dir")).toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("API", api);
        Process process = builder.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "kubo-rpc-client.mjs did not finish in 3 minutes");
        } finally {
            process.destroyForcibly();
        }
        String output = stdout.get(10, TimeUnit.SECONDS);
        System.out.println(output);
        assertEquals(0, process.exitValue(), Files.readString(stderr));
        Map<String, JsonNode> results = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                JsonNode result = JSON.readTree(line);
                String name = result.get("call").asText();
                if (result.get("ok").asBoolean()) {
                    results.put(name, result.get("result"));
                } else if (name.equals("block.statAfterGc")) {
                    results.put(name, result);
                } else {
                    failed.add(name + ": " + result.get("error").asText());
                }
            }
        }
        assertEquals(List.of(), failed, "calls that failed");
        return results;
    }

    /** B's {@code pubsub/sub} stream on the topic, as kubo-rpc-client sends it (multibase base64url). */
    private static CompletableFuture<HttpResponse<Stream<String>>> subscribe(Rpc rpc) throws Exception {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(rpc.uri("pubsub/sub?arg=" + topic()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofLines());
    }

    private static String topic() {
        return URLEncoder.encode("u" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(TOPIC.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** A call whose failure counts as "nothing yet" (for polling). */
    private static JsonNode call(Rpc rpc, String command) {
        try {
            return rpc.call(command);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** The reply lines of a streamed command as one text, empty when it failed (for polling). */
    private static String lines(Rpc rpc, String command) {
        try {
            return rpc.lines(command).toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static int status(Rpc rpc, String command) throws Exception {
        return rpc.send(HttpRequest.newBuilder(rpc.uri(command)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode digest(byte[] bytes) throws Exception {
        return JSON.createObjectNode().put("length", bytes.length)
                .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    private static List<JsonNode> list(JsonNode array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The texts of an array, or of the "Strings"/"Responses" values the daemon answers with. */
    private static List<String> texts(JsonNode node) {
        JsonNode array = node.has("Strings") ? node.get("Strings") : node;
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }

    private static List<String> cids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("cid").asText()).toList();
    }

    private static Set<String> multihashes(List<JsonNode> entries) {
        Set<String> out = new TreeSet<>();
        entries.forEach(e -> out.add(multihash(e.get("cid").asText())));
        return out;
    }

    private static String multihash(String cid) {
        return HexFormat.of().formatHex(Cid.parse(cid).multihash().bytes());
    }
}
