package io.ipfskit.itests.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second node for the node under test to talk to: {@code bin/ipfs-kit daemon} of the distribution (the
 * {@code ipfskit.itest.dist} system property) on a fresh repo and ephemeral loopback ports, and its RPC API over HTTP
 * (each request on a connection of its own, closed after, so no idle socket stays in this process).
 */
final class PeerDaemon implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final String BOUNDARY = "ipfskit-itest-boundary";

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Path repo;
    /** The peer's id. */
    final String peerId;
    /** Its swarm address, ending in {@code /p2p/<peer id>}. */
    final String address;

    private PeerDaemon(Process process, Path repo) throws InterruptedException {
        this.process = process;
        this.repo = repo;
        Thread reader = new Thread(this::readOutput, "peer-daemon-output");
        reader.setDaemon(true);
        reader.start();
        String id = awaitLine("PeerID: ").substring("PeerID: ".length()).trim();
        String listening = awaitLine("Swarm listening on ");
        awaitLine("Daemon is ready");
        this.peerId = id;
        this.address = listening.substring(listening.indexOf("/ip4/")).trim() + "/p2p/" + id;
    }

    /** Starts a peer daemon listening on loopback TCP and waits until it is ready. */
    static PeerDaemon start() throws IOException, InterruptedException {
        return start("/ip4/127.0.0.1/tcp/0");
    }

    /** Starts a peer daemon listening on the swarm addresses (the first a TCP one) and waits until it is ready. */
    static PeerDaemon start(String... swarm) throws IOException, InterruptedException {
        Path repo = Files.createTempDirectory("ipfskit-itest-peer");
        Path script = Path.of(System.getProperty("ipfskit.itest.dist"), "bin", "ipfs-kit");
        List<String> command = new ArrayList<>(List.of(script.toString(), "daemon", "--repo",
                repo.resolve("repo").toString(), "--api", "/ip4/127.0.0.1/tcp/0"));
        for (String address : swarm) {
            command.add("--swarm");
            command.add(address);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("IPFS_KIT_PATH");
        builder.environment().put("IPFSKIT_PROFILE", "test");
        return new PeerDaemon(builder.start(), repo.resolve("repo"));
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        synchronized (output) {
            while (true) {
                for (String line : output) {
                    if (line.contains(prefix)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("the peer daemon printed no '" + prefix + "'; output:\n" + String.join("\n", output));
                }
                output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** POSTs a command (with its query) and returns the last JSON value of a 200 reply; fails the test otherwise. */
    JsonNode call(String commandAndQuery) throws IOException {
        Reply reply = post(commandAndQuery, null);
        if (reply.status() != 200) {
            throw new AssertionError("peer " + commandAndQuery + " answered " + reply.status() + ": " + reply.text());
        }
        String[] lines = reply.text().trim().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** Stores a block on the peer ({@code block/put}) and returns its CID. */
    String blockPut(byte[] data) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"block\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Reply reply = post("block/put?cid-codec=raw", body.toByteArray());
        if (reply.status() != 200) {
            throw new AssertionError("peer block/put answered " + reply.status() + ": " + reply.text());
        }
        return JSON.readTree(reply.text().trim()).get("Key").asText();
    }

    /** A reply: its status and body. */
    record Reply(int status, String text) {
    }

    /** POSTs a command, with a multipart body when given, whatever the status. */
    Reply post(String commandAndQuery, byte[] multipart) throws IOException {
        String[] api = Files.readString(repo.resolve("api")).trim().split("/");
        URI uri = URI.create("http://" + api[2] + ":" + api[4] + "/api/v0/" + commandAndQuery);
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        http.setRequestMethod("POST");
        http.setRequestProperty("Connection", "close");
        http.setConnectTimeout(10_000);
        http.setReadTimeout(60_000);
        if (multipart != null) {
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
            try (OutputStream out = http.getOutputStream()) {
                out.write(multipart);
            }
        }
        try {
            int status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            http.disconnect();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
