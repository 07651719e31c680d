package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repo safety against the running node: nothing acknowledged is lost when the durable tier is
 * stopped, GC runs in a loop during a large add and a dag import, and pins hold by multihash for every codec.
 */
class RepoSafetyIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void withTheDurableTierStoppedAnAddFailsAndPinsNothing() throws Exception {
        Path repo = temp.resolve("repo");
        Path file = Files.write(temp.resolve("f.bin"), random(1, 3 * 1024 * 1024));
        try (Daemon daemon = start(repo)) {
            shell(repo, "ipfs:stop io.ipfskit.storage.flatfs");
            Cli add = cli(repo, "add", file.toString());
            String output = add.output().strip();
            assertEquals(1, add.exitCode(), output);
            assertEquals(1, output.lines().count(), "one line: " + output);
            assertTrue(output.startsWith("Error: no durable storage tier is running"), output);
            assertEquals("{}", new Rpc(repo).call("pin/ls").get("Keys").toString(), "nothing was pinned");

            shell(repo, "ipfs:start io.ipfskit.storage.flatfs");
            Cli again = cli(repo, "add", "-q", file.toString());
            assertEquals(0, again.exitCode(), again.output());
            assertEquals("verify complete, all blocks validated.", new Rpc(repo).call("repo/verify").get("Msg").asText());
        }
    }

    @Test
    void gcInALoopDuringALargeAddAndADagImportTakesNothingOfThem() throws Exception {
        Path repo = temp.resolve("repo");
        byte[] data = random(2, 64 * 1024 * 1024);
        try (Daemon daemon = start(repo)) {
            Rpc rpc = new Rpc(repo);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger collections = new AtomicInteger();
            CompletableFuture<Void> collector = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> gc = rpc.send(HttpRequest.newBuilder(rpc.uri("repo/gc"))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                        if (gc.statusCode() == 200) {
                            collections.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            try {
                String root = rpc.add("large.bin", data);
                assertArrayEquals(data, rpc.bytes("cat?arg=" + root), "the add is complete");
                assertTrue(rpc.call("pin/ls?arg=" + root).toString().contains("recursive"));

                Path car = temp.resolve("large.car");
                Files.write(car, rpc.bytes("dag/export?arg=" + root));
                rpc.call("pin/rm?arg=" + root);
                awaitGone(rpc, root);
                JsonNode imported = multipart(rpc, "dag/import", "large.car", Files.readAllBytes(car));
                assertEquals("", imported.get("Root").get("PinErrorMsg").asText(), imported.toString());
                assertArrayEquals(data, rpc.bytes("cat?arg=" + root), "the import is complete");
                assertTrue(collections.get() > 0, "collections ran meanwhile");
            } finally {
                running.set(false);
                collector.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals("verify complete, all blocks validated.", rpc.call("repo/verify").get("Msg").asText());
        }
    }

    @Test
    void pinsHoldByMultihashForEveryCodec() throws Exception {
        Path repo = temp.resolve("repo");
        try (Daemon daemon = start(repo)) {
            Rpc rpc = new Rpc(repo);
            String root = addChunked(rpc, random(3, 300_000));
            Multihash key = Cid.parse(root).multihash();
            for (Cid form : List.of(Cid.parse(root), Cid.v1(Multicodec.DAG_PB, key), Cid.v1(Multicodec.RAW, key))) {
                assertEquals("pinned: recursive", blockRm(rpc, form.toString()), form.toString());
            }
            String child = rpc.lines("pin/ls?type=indirect&stream=true").get(0).get("Cid").asText();
            assertEquals("pinned via " + root, blockRm(rpc, child));
            assertEquals("indirect through " + root, rpc.call("pin/ls?arg=" + child).get("Keys").get(child).get("Type").asText());

            String leaf = multipart(rpc, "block/put", "leaf", "leaf".getBytes(StandardCharsets.UTF_8)).get("Key").asText();
            byte[] link = Cid.parse(leaf).bytes();
            ByteArrayOutputStream cbor = new ByteArrayOutputStream();
            cbor.writeBytes(HexFormat.of().parseHex("a16161d82a58" + String.format("%02x", link.length + 1) + "00"));
            cbor.writeBytes(link);
            String node = multipart(rpc, "block/put?cid-codec=dag-cbor", "node", cbor.toByteArray()).get("Key").asText();
            rpc.call("pin/add?arg=" + node);
            rpc.lines("repo/gc");
            assertEquals(4, rpc.call("block/stat?arg=" + leaf).get("Size").asInt(), "the dag-cbor pin kept its link");
            assertEquals("pinned via " + node, blockRm(rpc, leaf));
        }
    }

    @Test
    void theDiskCacheTakesTheWarmBlocksTheMemoryTierGivesUp() throws Exception {
        Path repo = temp.resolve("repo");
        Files.createDirectories(repo.resolve("etc"));
        Files.writeString(repo.resolve("etc/io.ipfskit.storage.tier.memory.cfg"), "maxBytes = 1048576\n");
        try (Daemon daemon = start(repo)) {
            Rpc rpc = new Rpc(repo);
            String cid = rpc.add("eight.bin", random(4, 8 * 1024 * 1024));
            JsonNode cold = rpc.tier("disk");
            assertEquals(0, cold.get("items").asLong(), "blocks only written are not worth a disk cache copy: " + cold);
            rpc.bytes("cat?arg=" + cid);
            rpc.bytes("cat?arg=" + cid);
            JsonNode disk = rpc.tier("disk");
            assertTrue(disk.get("items").asLong() > 0 && disk.get("demotions").asLong() > 0, disk.toString());
            assertTrue(rpc.tier("memory").get("bytes").asLong() <= 1048576, rpc.tier("memory").toString());
        }
    }

    private static String addChunked(Rpc rpc, byte[] data) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + Rpc.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = rpc.send(HttpRequest.newBuilder(rpc.uri("add?chunker=size-100000"))
                .header("Content-Type", "multipart/form-data; boundary=" + Rpc.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        String[] lines = reply.body().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]).get("Hash").asText();
    }

    private static JsonNode multipart(Rpc rpc, String command, String name, byte[] data) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + Rpc.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = rpc.send(HttpRequest.newBuilder(rpc.uri(command)).timeout(LIMIT)
                .header("Content-Type", "multipart/form-data; boundary=" + Rpc.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), command + ": " + reply.body());
        String[] lines = reply.body().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** The error {@code block/rm} gives for the CID (empty when it was removed). */
    private static String blockRm(Rpc rpc, String cid) throws Exception {
        return rpc.call("block/rm?arg=" + cid).path("Error").asText();
    }

    private static void awaitGone(Rpc rpc, String root) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (rpc.send(HttpRequest.newBuilder(rpc.uri("block/stat?arg=" + root + "&offline=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            assertTrue(System.nanoTime() < deadline, "the unpinned root was never collected");
            Thread.sleep(50);
        }
    }

    private static byte[] random(int seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static Daemon start(Path repo) throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                "/ip4/127.0.0.1/tcp/0");
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private static void shell(Path repo, String command) throws Exception {
        Cli cli = Cli.run(LIMIT, "shell", "--repo", repo.toString(), "-c", command);
        assertEquals(0, cli.exitCode(), command + ": " + cli.output());
    }

    private static Cli cli(Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        return Cli.run(LIMIT, arguments.toArray(String[]::new));
    }
}
