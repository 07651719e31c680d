package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content through the daemon: added over RPC with kubo's CIDs, back byte for byte, hot in the memory tier, intact
 * after a clean restart and after kill -9 in the middle of adds (every CID acknowledged by a reply line complete and
 * verified, every add whose reply ended still pinned).
 */
class StorageIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Whole files ahead of the held-back one in the add that is killed: their reply lines come before the kill. */
    private static final int REPLIED = 4;

    @TempDir
    Path temp;

    @Test
    void addedContentKeepsKuboCidsAndSurvivesRestartAndKill() throws Exception {
        Path repo = temp.resolve("repo");
        Map<String, byte[]> added = new LinkedHashMap<>();
        Rpc rpc = new Rpc(repo);
        try (Daemon daemon = start(repo)) {
            String hello = rpc.add("hello.txt", "hello world\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", hello);
            assertEquals("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", rpc.add("empty", new byte[0]));
            Random random = new Random(42);
            for (int size : new int[] {262_145, 3 * 1024 * 1024 + 7, 20 * 1024 * 1024 + 1}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                Path file = Files.write(temp.resolve("random-" + size), data);
                String cid = rpc.add(file.getFileName().toString(), data);
                KuboCid.of(file).ifPresent(expected -> assertEquals(expected, cid, "the CID ipfs_cid computes"));
                added.put(cid, data);
            }
            for (Map.Entry<String, byte[]> entry : added.entrySet()) {
                assertArrayEquals(entry.getValue(), rpc.bytes("cat?arg=" + entry.getKey()));
                assertArrayEquals(Arrays.copyOfRange(entry.getValue(), 1000, Math.min(entry.getValue().length, 301_000)),
                        rpc.bytes("cat?arg=" + entry.getKey() + "&offset=1000&length=300000"));
            }
            JsonNode memory = rpc.tier("memory");
            assertTrue(memory.get("items").asLong() > 0 && memory.get("hits").asLong() > 0, "hot content is in memory: " + memory);
            assertVerified(rpc);
            daemon.terminate();
            daemon.awaitExit(LIMIT);
        }
        Acknowledged acknowledged;
        try (Daemon restarted = start(repo)) {
            added.forEach((cid, data) -> assertArrayEquals(data, uncheckedCat(rpc, cid), cid + " after a restart"));
            acknowledged = killDuringAdds(repo, rpc, restarted);
        }
        added.putAll(acknowledged.replied());
        added.putAll(acknowledged.completed());
        try (Daemon afterKill = start(repo)) {
            assertVerified(rpc);
            added.forEach((cid, data) -> assertArrayEquals(data, uncheckedCat(rpc, cid), cid + " after kill -9"));
            for (String completed : acknowledged.completed().keySet()) {
                assertTrue(rpc.call("pin/ls?arg=" + completed).toString().contains("recursive"),
                        completed + ", whose add completed before kill -9, is still pinned");
            }
            try (Stream<Path> files = Files.walk(repo.resolve("blocks"))) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp")), "no half-written block remains");
            }
        }
    }

    /**
     * SIGKILLs the daemon in the middle of adds: a multipart add whose first {@link #REPLIED} small files flow whole
     * (their reply lines are read as they come) and whose large last file sends 8 MiB and holds the rest back, and a loop
     * of complete one-file adds beside it. Returns what was acknowledged before the kill: the CIDs of reply lines read,
     * and those of adds whose reply had ended (so pinned).
     */
    private static Acknowledged killDuringAdds(Path repo, Rpc rpc, Daemon daemon) throws Exception {
        long before = blockFiles(repo);
        Random random = new Random(9);
        byte[][] small = new byte[REPLIED][];
        for (int i = 0; i < REPLIED; i++) {
            small[i] = new byte[1024 * 1024 + i];
            random.nextBytes(small[i]);
        }
        Map<String, byte[]> replied = new ConcurrentHashMap<>();
        Map<String, byte[]> completed = new ConcurrentHashMap<>();
        CountDownLatch killed = new CountDownLatch(1);
        CompletableFuture<Void> upload = streamedAdd(rpc, new HeldBackUpload(small, 8 << 20, killed), reply -> {
            String name = reply.get("Name").asText();
            replied.put(reply.get("Hash").asText(), small[Integer.parseInt(name.substring("small-".length()))]);
        });
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
            Random data = new Random(10);
            for (int i = 0; killed.getCount() > 0; i++) {
                byte[] file = new byte[512 * 1024 + i];
                data.nextBytes(file);
                try {
                    completed.put(rpc.add("loop-" + i, file), file);
                } catch (Exception e) {
                    return;
                }
            }
        });
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (replied.size() < REPLIED || completed.size() < 3 || blockFiles(repo) < before + REPLIED * 5 + 20) {
            assertTrue(System.nanoTime() < deadline && !upload.isDone(), "the adds stopped before the kill: " + upload);
            Thread.sleep(10);
        }
        assertTrue(!upload.isDone(), "the large add is still in progress when the daemon is killed");
        Acknowledged acknowledged = new Acknowledged(Map.copyOf(replied), Map.copyOf(completed));
        daemon.close();
        killed.countDown();
        loop.join();
        return acknowledged;
    }

    /**
     * POSTs a multipart body to {@code add} over a plain socket, chunked, reading the reply lines while the body is still
     * being sent (java.net.http reads a reply only once the whole request is sent); completes when the connection ends.
     */
    private static CompletableFuture<Void> streamedAdd(Rpc rpc, InputStream body, Consumer<JsonNode> reply)
            throws IOException {
        URI uri = rpc.uri("add");
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: multipart/form-data; boundary=" + Rpc.BOUNDARY
                + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        CompletableFuture.runAsync(() -> {
            byte[] buffer = new byte[65536];
            try {
                for (int n; (n = body.read(buffer)) > 0; ) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(buffer, 0, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the daemon is gone: the body is never finished
            }
        });
        return CompletableFuture.runAsync(() -> {
            try (socket; BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    int object = line.indexOf("{\"Name\"");
                    if (object >= 0) {
                        reply.accept(json(line.substring(object)));
                    }
                }
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** What the daemon acknowledged before it was killed: reply lines read, and adds whose reply ended (pinned). */
    private record Acknowledged(Map<String, byte[]> replied, Map<String, byte[]> completed) {
    }

    /**
     * A multipart body of whole small files ({@code small-<i>}) followed by a large one whose first bytes flow at once and
     * whose rest waits until the daemon is dead.
     */
    private static final class HeldBackUpload extends InputStream {
        private final byte[] head;
        private final Random random = new Random(7);
        private final long flowing;
        private final CountDownLatch release;
        private long sent;

        HeldBackUpload(byte[][] small, long flowing, CountDownLatch release) {
            ByteArrayOutputStream parts = new ByteArrayOutputStream();
            for (int i = 0; i < small.length; i++) {
                parts.writeBytes(partHeader("small-" + i));
                parts.writeBytes(small[i]);
                parts.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            parts.writeBytes(partHeader("large"));
            this.head = parts.toByteArray();
            this.flowing = flowing;
            this.release = release;
        }

        private static byte[] partHeader(String name) {
            return ("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent < head.length) {
                int n = (int) Math.min(length, head.length - sent);
                System.arraycopy(head, (int) sent, buffer, offset, n);
                sent += n;
                return n;
            }
            if (sent >= head.length + flowing) {
                try {
                    release.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the daemon is gone");
            }
            int n = (int) Math.min(length, head.length + flowing - sent);
            byte[] data = new byte[n];
            random.nextBytes(data);
            System.arraycopy(data, 0, buffer, offset, n);
            sent += n;
            return n;
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long blockFiles(Path repo) throws IOException {
        if (!Files.isDirectory(repo.resolve("blocks"))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(repo.resolve("blocks"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static Daemon start(Path repo) throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private static void assertVerified(Rpc rpc) throws Exception {
        String last = rpc.call("repo/verify").get("Msg").asText();
        assertEquals("verify complete, all blocks validated.", last);
    }

    private static byte[] uncheckedCat(Rpc rpc, String cid) {
        try {
            return rpc.bytes("cat?arg=" + cid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
