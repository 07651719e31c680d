package io.ipfskit.benchmarks.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import io.ipfskit.multiformats.Multiaddr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The daemon's memory idle, holding N idle connections (each from its own identity, in this JVM) and after an add of
 * random bytes: heap used after a full GC, resident set size and threads, as a table; then the heap each connection
 * holds and the classes that hold it. Arguments: connection counts, ascending (default 1000 5000); system properties
 * {@code ipfskit.itest.dist} (default {@code runtime/target/ipfs-kit}), {@code idle.xmx} (the connected daemon's heap,
 * default 512m) and {@code idle.addMiB} (default 1024; 0 skips the add).
 */
public final class IdleConnections {

    private static final long MIB = 1024 * 1024;
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final int TOP_HOLDERS = 15;

    private final List<String[]> rows = new ArrayList<>();

    private IdleConnections() {
    }

    /** Runs both daemons in turn and prints the table. */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("ipfskit.itest.dist") == null) {
            System.setProperty("ipfskit.itest.dist", Path.of("runtime/target/ipfs-kit").toAbsolutePath().toString());
        }
        int[] counts = args.length > 0 ? Stream.of(args).mapToInt(Integer::parseInt).toArray() : new int[] {1000, 5000};
        Path work = Files.createTempDirectory("idle-connections");
        try {
            IdleConnections run = new IdleConnections();
            run.connections(work.resolve("connected"), counts, System.getProperty("idle.xmx", "512m"));
            long addMiB = Long.getLong("idle.addMiB", 1024);
            if (addMiB > 0) {
                run.add(work.resolve("added"), addMiB);
            }
            run.print();
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A daemon with limits above the largest count and the given heap: idle, then each count of connections. */
    private void connections(Path repo, int[] counts, String xmx) throws Exception {
        int most = counts[counts.length - 1];
        Files.createDirectories(repo.resolve("etc"));
        Files.writeString(repo.resolve("etc/io.ipfskit.host.cfg"), String.join("\n",
                "lowWater = " + (most + 500), "highWater = " + (most + 1000),
                "maxInboundConnections = " + (most + 1000), "maxConnections = " + (most + 1000), ""));
        try (Daemon daemon = start(repo, Map.of("IPFS_KIT_JAVA_OPTS", "-Xmx" + xmx));
                IdleClients clients = new IdleClients()) {
            String heap = heapLine(daemon);
            String peer = daemon.awaitLine("PeerID: ", READY).replaceFirst(".*PeerID: ", "").trim();
            Multiaddr target = Multiaddr.parse(daemon.awaitLine("Swarm listening on ", READY)
                    .replaceFirst(".*Swarm listening on ", "").trim() + "/p2p/" + peer);
            daemon.awaitLine("Daemon is ready", READY);
            Rpc rpc = new Rpc(repo);
            Footprint idle = Footprint.of(daemon.pid());
            row("idle", heap, 0, idle);
            Map<String, Footprint.Holding> before = Footprint.histogram(daemon.pid());
            int connected = 0;
            Footprint last = idle;
            for (int count : counts) {
                long start = System.nanoTime();
                clients.connect(target, count - connected);
                connected = count;
                awaitIdlePeers(rpc, count);
                System.out.printf(Locale.ROOT, "%d connections open and idle in %.1f s%n", count,
                        (System.nanoTime() - start) / 1e9);
                last = Footprint.of(daemon.pid());
                row(String.format(Locale.ROOT, "%,d idle connections", count), heap, count, last);
                perConnection(idle, last, count);
            }
            holders(before, Footprint.histogram(daemon.pid()), connected);
        }
    }

    /** A daemon with the launcher's own heap size: idle, then after an add of random bytes streamed over RPC. */
    private void add(Path repo, long mib) throws Exception {
        try (Daemon daemon = start(repo, Map.of("IPFS_KIT_JAVA_OPTS", ""))) {
            String heap = heapLine(daemon);
            daemon.awaitLine("Daemon is ready", READY);
            row("idle", heap, 0, Footprint.of(daemon.pid()));
            long start = System.nanoTime();
            RandomAdd.add(new Rpc(repo).uri("add?quieter=true"), mib * MIB, 12);
            System.out.printf(Locale.ROOT, "added %d MiB in %.1f s%n", mib, (System.nanoTime() - start) / 1e9);
            row(String.format(Locale.ROOT, "after adding %,d MiB", mib), heap, 0, Footprint.of(daemon.pid()));
        }
    }

    private static Daemon start(Path repo, Map<String, String> environment) throws Exception {
        return Daemon.start(environment, "daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
    }

    private static String heapLine(Daemon daemon) throws InterruptedException {
        return daemon.awaitLine("Heap: ", READY).replaceFirst(".*Heap: ", "").trim();
    }

    /** Waits until {@code swarm/peers} lists the count and no connection has a stream open (identify is over). */
    private static void awaitIdlePeers(Rpc rpc, int count) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            JsonNode peers = rpc.call("swarm/peers").get("Peers");
            int listed = peers == null ? 0 : peers.size();
            long streams = 0;
            for (int i = 0; i < listed; i++) {
                streams += peers.get(i).get("Streams").asLong();
            }
            if (listed == count && streams == 0) {
                return;
            }
            seen = listed + " peers, " + streams + " streams";
            Thread.sleep(500);
        }
        throw new IllegalStateException("swarm/peers did not reach " + count + " idle peers within " + SETTLE + ": " + seen);
    }

    private void row(String state, String heap, int connections, Footprint f) {
        rows.add(new String[] {state, heap, Integer.toString(connections),
                String.format(Locale.ROOT, "%.1f", (double) f.heapUsedBytes() / MIB),
                String.format(Locale.ROOT, "%.1f", (double) f.heapCommittedBytes() / MIB),
                String.format(Locale.ROOT, "%.1f", (double) f.rssBytes() / MIB), Integer.toString(f.threads())});
    }

    private static void perConnection(Footprint idle, Footprint now, int count) {
        System.out.printf(Locale.ROOT, "per connection at %d: heap %.1f KiB, RSS %.1f KiB, threads %+d%n", count,
                (now.heapUsedBytes() - idle.heapUsedBytes()) / 1024.0 / count,
                (now.rssBytes() - idle.rssBytes()) / 1024.0 / count, now.threads() - idle.threads());
    }

    /** The classes whose live bytes grew most between the histograms, per connection. */
    private static void holders(Map<String, Footprint.Holding> before, Map<String, Footprint.Holding> after, int count) {
        System.out.printf(Locale.ROOT, "top holders per connection ((live after - idle) / %d): bytes, instances%n", count);
        Footprint.Holding none = new Footprint.Holding(0, 0);
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new Footprint.Holding(
                        e.getValue().instances() - before.getOrDefault(e.getKey(), none).instances(),
                        e.getValue().bytes() - before.getOrDefault(e.getKey(), none).bytes())))
                .sorted(Comparator.comparingLong((Map.Entry<String, Footprint.Holding> e) -> e.getValue().bytes())
                        .reversed())
                .limit(TOP_HOLDERS)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %8.0f B  %6.2f  %s%n",
                        (double) e.getValue().bytes() / count, (double) e.getValue().instances() / count, e.getKey()));
    }

    private void print() {
        String[] header = {"state", "-Xmx", "connections", "heap used after GC (MiB)", "heap committed (MiB)",
                "RSS (MiB)", "threads"};
        System.out.println();
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.length));
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }
}
