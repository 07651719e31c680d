package io.ipfskit.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A js peer process of itests/interop (peer.mjs, helia-peer.mjs) driven by JSON lines; closing it stops and, if need
 * be, kills the process.
 */
public final class JsPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 20;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder stderr = new StringBuilder();
    /** The peer id. */
    public final String peerId;
    /** The listen address with {@code /p2p/<peer id>}. */
    public final String address;

    /** Starts peer.mjs offering yamux, from the folder in the {@code interop.dir} system property. */
    public JsPeer() throws Exception {
        this("yamux");
    }

    /** Starts peer.mjs offering only the given muxer ({@code yamux} or {@code mplex}). */
    public JsPeer(String muxer) throws Exception {
        this(Path.of(System.getProperty("interop.dir", ".")), "peer.mjs", Map.of("MUXER", muxer));
    }

    /** Starts a script of the folder (itests/interop, with its node_modules) with these extra environment variables. */
    public JsPeer(Path dir, String script, Map<String, String> environment) throws Exception {
        this(List.of(), dir, script, environment);
    }

    /** Starts a script of the folder behind a command prefix (e.g. {@code ip netns exec NAME}). */
    public JsPeer(List<String> prefix, Path dir, String script, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("node", script));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(JSON.readTree(line));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "js-peer-stdout");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "js-peer-stderr");
        errors.setDaemon(true);
        errors.start();
        JsonNode listening = next(n -> "listening".equals(n.path("event").asText()));
        peerId = listening.get("peerId").asText();
        address = listening.get("addrs").get(0).asText();
    }

    /** Runs a command and returns its successful reply within the default timeout; throws otherwise. */
    public JsonNode call(String op, Map<String, Object> args) throws Exception {
        return call(op, args, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** Runs a command and returns its successful reply within the timeout; throws with the peer's error otherwise. */
    public JsonNode call(String op, Map<String, Object> args, Duration timeout) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.valueToTree(args);
        command.put("id", id).put("op", op);
        stdin.write(JSON.writeValueAsString(command) + "\n");
        stdin.flush();
        JsonNode reply = next(n -> n.path("id").asInt(-1) == id, timeout);
        if (!reply.get("ok").asBoolean()) {
            throw new AssertionError("js " + op + " failed: " + reply.get("error").asText());
        }
        return reply;
    }

    /** The next line matching the predicate (others are dropped), within the default timeout. */
    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        return next(wanted, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** The next line matching the predicate (others are dropped), within the timeout; fails with the stderr after it. */
    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                synchronized (stderr) {
                    throw new AssertionError("js peer did not answer in " + timeout.toSeconds() + " s; stderr:\n" + stderr);
                }
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** The node process's id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
