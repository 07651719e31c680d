package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content through the daemon: added over RPC with kubo's CIDs, back byte for byte, hot in the memory tier, intact
 * after a clean restart and after kill -9 in the middle of a large add.
 */
class StorageIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

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
        try (Daemon restarted = start(repo)) {
            added.forEach((cid, data) -> assertArrayEquals(data, uncheckedCat(rpc, cid), cid + " after a restart"));
            killDuringALargeAdd(repo, rpc, restarted);
        }
        try (Daemon afterKill = start(repo)) {
            assertVerified(rpc);
            added.forEach((cid, data) -> assertArrayEquals(data, uncheckedCat(rpc, cid), cid + " after kill -9"));
            try (Stream<Path> files = Files.walk(repo.resolve("blocks"))) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp")), "no half-written block remains");
            }
        }
    }

    /** Sends 8 MiB of a multipart add and holds the rest back, waits until blocks reach the disk, then SIGKILLs. */
    private static void killDuringALargeAdd(Path repo, Rpc rpc, Daemon daemon) throws Exception {
        long before = blockFiles(repo);
        CountDownLatch killed = new CountDownLatch(1);
        HttpRequest add = HttpRequest.newBuilder(rpc.uri("add")).timeout(LIMIT)
                .header("Content-Type", "multipart/form-data; boundary=" + Rpc.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new HeldBackUpload(8 << 20, killed))).build();
        CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return rpc.send(add, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (blockFiles(repo) < before + 20) {
            assertTrue(System.nanoTime() < deadline && !upload.isDone(), "the large add wrote no blocks: " + upload);
            Thread.sleep(10);
        }
        assertTrue(!upload.isDone(), "the add is still in progress when the daemon is killed");
        daemon.close();
        killed.countDown();
    }

    /** A multipart file part whose first bytes flow at once and whose rest waits until the daemon is dead. */
    private static final class HeldBackUpload extends InputStream {
        private final byte[] head = ("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"large\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        private final Random random = new Random(7);
        private final long flowing;
        private final CountDownLatch release;
        private long sent;

        HeldBackUpload(long flowing, CountDownLatch release) {
            this.flowing = flowing;
            this.release = release;
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
