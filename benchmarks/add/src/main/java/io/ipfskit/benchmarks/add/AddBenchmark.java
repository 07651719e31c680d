package io.ipfskit.benchmarks.add;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run on this machine, side by side over the same random file: the JDK's SHA-256 in this JVM (each 256 KiB block
 * hashed on its own, as an add does), RPC {@code add} through {@code curl -F} into a test-profile daemon (the
 * distribution, default tiers) with {@code only-hash}, of new content (a fresh file each run) and of content already
 * stored, and Helia's importer (ipfs-unixfs-importer, kubo's layout, memory blockstore) in Node; wall and CPU time of
 * each, the ratios the issue asks for, and the load average. Arguments: MiB of the file (256), runs of each kind (3).
 * System properties: {@code ipfskit.itest.dist} (runtime/target/ipfs-kit), {@code interop.dir} (itests/interop, after
 * {@code npm ci}), {@code add.javaOpts} (the daemon's extra JVM options, e.g. a flight recording with
 * {@code dumponexit=true}: the daemon is stopped with SIGTERM at the end).
 */
public final class AddBenchmark {

    private static final long MIB = 1 << 20;
    private static final int BLOCK = 256 * 1024;
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String[]> rows = new ArrayList<>();

    private AddBenchmark() {
    }

    /** Runs every part and prints the table. */
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dist = Path.of(System.getProperty("ipfskit.itest.dist", "runtime/target/ipfs-kit"));
        Path interop = Path.of(System.getProperty("interop.dir", "itests/interop")).toAbsolutePath();
        Path work = Files.createTempDirectory("add-benchmark");
        try {
            // A copy, so a rebuild of the distribution during the run cannot change the daemon under it.
            System.setProperty("ipfskit.itest.dist", copy(dist, work.resolve("dist")).toString());
            new AddBenchmark().run(work, interop, mib * MIB, runs);
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private void run(Path work, Path interop, long bytes, int runs) throws Exception {
        String loadAtStart = loadAverage();
        Path files = Files.createDirectories(work.resolve("files"));
        Path warm = Content.randomFile(files.resolve("warm.bin"), 64 * MIB, 1);
        List<Path> fresh = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            fresh.add(Content.randomFile(files.resolve("new-" + i + ".bin"), bytes, 10 + i));
        }
        Path file = fresh.get(0);

        Timings sha = sha256(file, bytes, runs);
        row("JDK SHA-256, one thread (256 KiB blocks)", sha.figure(), sha.detail());

        Path repo = Files.createDirectories(work.resolve("repo"));
        Timings onlyHash = new Timings(bytes);
        Timings added = new Timings(bytes);
        Timings again = new Timings(bytes);
        String cid;
        try (Daemon daemon = Daemon.start(Map.of("IPFS_KIT_JAVA_OPTS", System.getProperty("add.javaOpts", "")),
                "daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            daemon.awaitLine("Daemon is ready", Duration.ofSeconds(120));
            Rpc rpc = new Rpc(repo);
            add(rpc, daemon, warm, "only-hash=true", null);
            add(rpc, daemon, warm, "", null);
            cid = add(rpc, daemon, file, "only-hash=true", onlyHash);
            for (int i = 1; i < runs; i++) {
                requireSame(cid, add(rpc, daemon, file, "only-hash=true", onlyHash), "only-hash again");
            }
            requireSame(cid, add(rpc, daemon, file, "", added), "add");
            for (int i = 1; i < runs; i++) {
                add(rpc, daemon, fresh.get(i), "", added);
            }
            for (int i = 0; i < runs; i++) {
                requireSame(cid, add(rpc, daemon, file, "", again), "add of stored content");
            }
            // A clean stop, so a flight recording in add.javaOpts (with dumponexit=true) is written.
            daemon.terminate();
            daemon.awaitExit(Duration.ofSeconds(60));
        }
        Timings helia = helia(interop, file, cid, bytes, runs);

        double jdk = sha.rate();
        row("RPC add --only-hash", onlyHash.figure(), String.format(Locale.ROOT, "%.2f of SHA-256; %s",
                onlyHash.rate() / jdk, onlyHash.detail()));
        row("RPC add, new content (default tiers)", added.figure(), String.format(Locale.ROOT,
                "%.2f of SHA-256, %.2fx Helia; %s", added.rate() / jdk, added.rate() / helia.rate(), added.detail()));
        row("RPC add, content already stored", again.figure(), String.format(Locale.ROOT, "%.2f of SHA-256; %s",
                again.rate() / jdk, again.detail()));
        row("Helia importer (kubo's layout, memory blockstore)", helia.figure(), helia.detail() + "; same CID");
        print();
        System.out.println("CPU: the daemon's (utime + stime from /proc), or the Node process's; curl's own is not counted");
        System.out.println("load average (1, 5, 15 min) at the start " + loadAtStart + ", at the end " + loadAverage()
                + "; " + Runtime.getRuntime().availableProcessors() + " cores; " + bytes / MIB + " MiB, " + runs
                + " runs of each");
    }

    /** SHA-256 of every 256 KiB block of the file, held in memory, on this thread: a warm-up, then timed runs. */
    private static Timings sha256(Path file, long bytes, int runs) throws Exception {
        byte[] data = Files.readAllBytes(file);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Timings timings = new Timings(bytes);
        for (int run = -1; run < runs; run++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int at = 0; at < data.length; at += BLOCK) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(data, at, Math.min(BLOCK, data.length - at));
                digest.digest();
            }
            if (run >= 0) {
                timings.add((System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            }
        }
        return timings;
    }

    /** {@code curl -F file=@FILE .../add?QUERY}, as a kubo user adds; returns the root CID, timing it into {@code into}. */
    private static String add(Rpc rpc, Daemon daemon, Path file, String query, Timings into) throws Exception {
        String uri = rpc.uri("add?quieter=true" + (query.isEmpty() ? "" : "&" + query)).toString();
        long cpu = cpuNanos(daemon.pid());
        long start = System.nanoTime();
        Process curl = new ProcessBuilder("curl", "-sS", "--fail-with-body", "-F", "file=@" + file, uri)
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = curl.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!curl.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) || curl.exitValue() != 0) {
            throw new IllegalStateException("curl add?" + query + " failed: " + out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (into != null) {
            into.add(seconds, (cpuNanos(daemon.pid()) - cpu) / 1e9);
        }
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]).get("Hash").asText();
    }

    /** Helia's importer in Node on the same file: a warm-up run, then timed runs; its CID must be ours. */
    private static Timings helia(Path interop, Path file, String cid, long bytes, int runs) throws Exception {
        String script;
        try (InputStream in = AddBenchmark.class.getResourceAsStream("/helia-import.mjs")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Process node = new ProcessBuilder("node", "--input-type=module", "-e", script, file.toString(),
                Integer.toString(runs + 1)).directory(interop.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = node.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IllegalStateException("Helia's importer failed: " + out);
        }
        Timings timings = new Timings(bytes);
        String[] lines = out.strip().split("\n");
        for (int i = 1; i < lines.length; i++) {
            JsonNode run = JSON.readTree(lines[i]);
            requireSame(cid, run.get("cid").asText(), "Helia's importer");
            timings.add(run.get("seconds").asDouble(), run.get("cpuSeconds").asDouble());
        }
        return timings;
    }

    private static void requireSame(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + " gave " + actual + ", not " + expected);
        }
    }

    /** CPU time of a process so far (utime + stime from /proc, 100 ticks per second). */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    /** The first three fields of /proc/loadavg: other work on the machine slows every figure down. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private void row(String what, String figure, String note) {
        rows.add(new String[] {what, figure, note});
        System.out.printf(Locale.ROOT, "  (%s: %s)%n", what, figure);
    }

    private void print() {
        int what = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int figure = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        System.out.println();
        for (String[] row : rows) {
            System.out.println(String.format(Locale.ROOT, "%-" + what + "s  %-" + figure + "s  %s", row[0], row[1], row[2]).strip());
        }
    }
}
