package io.ipfskit.itests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@code bin/ipfs-kit} process started by a test: its output lines are collected; closing it kills it. */
public final class Daemon implements AutoCloseable {

    /** The distribution under test, from the {@code ipfskit.itest.dist} system property. */
    public static final Path DIST = Path.of(System.getProperty("ipfskit.itest.dist"));
    /** Queued (this very object) after the last line, so a wait for a line ends when the process can print no more. */
    private static final String END = new String("(end of output)");

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    private Daemon(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
            lines.add(END);
        }, "daemon-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code bin/ipfs-kit} with the arguments, stderr merged into stdout. */
    public static Daemon start(String... arguments) throws IOException {
        return start(Map.of(), arguments);
    }

    /**
     * Starts {@code bin/ipfs-kit} with these extra environment variables (e.g. {@code IPFS_KIT_JAVA_OPTS}); the node runs
     * the test profile ({@code IPFSKIT_PROFILE=test}: nothing leaves the machine) unless they set {@code IPFSKIT_PROFILE}
     * (empty: kubo's defaults).
     */
    public static Daemon start(Map<String, String> environment, String... arguments) throws IOException {
        return start(List.of(), environment, arguments);
    }

    /** Starts {@code bin/ipfs-kit} behind a command prefix (e.g. {@code ip netns exec NAME}), as {@link #start(Map, String...)}. */
    public static Daemon start(List<String> prefix, Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(DIST.resolve("bin/ipfs-kit").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("IPFS_KIT_PATH");
        builder.environment().put("IPFSKIT_PROFILE", "test");
        builder.environment().putAll(environment);
        return new Daemon(builder.start());
    }

    /** The process's standard input (closed by the caller to signal its end). */
    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The process id (the JVM's: bin/ipfs-kit execs java). */
    public long pid() {
        return process.pid();
    }

    /** Waits for a line containing the text, failing with everything seen so far after the timeout. */
    public String awaitLine(String text, Duration timeout) throws InterruptedException {
        String line = nextLine(text, timeout);
        if (line == null) {
            throw new AssertionError("no line with '" + text + "' within " + timeout.toSeconds() + " s"
                    + (process.isAlive() ? "" : " (the process ended)") + "; output:\n" + String.join("\n", seen));
        }
        return line;
    }

    /** The next line containing the text within the timeout, or null. */
    private String nextLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : lines.poll();
            if (line == null) {
                return null;
            }
            if (line == END) {
                lines.add(END);
                return null;
            }
            seen.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not exit within " + timeout.toSeconds() + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Everything printed so far (after the process ended, everything: the reader is given time to finish). */
    public String output() {
        if (!process.isAlive()) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lines.drainTo(seen);
        if (seen.removeIf(line -> line == END)) {
            lines.add(END);
        }
        return String.join("\n", seen);
    }

    /**
     * Sends SIGTERM, as a service manager would, and goes on reading what the process prints while it stops
     * ({@link Process#destroy} would close its output first).
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
