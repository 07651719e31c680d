package io.ipfskit.benchmarks.bitswap;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.JsPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One run on this machine, everything on loopback, side by side: one provider to one fetcher for the same file (kubo's
 * layout, the same CID on both sides) between two of our daemons and between two Helia nodes (median of three runs,
 * each with a fresh fetcher warmed up on a 64 MiB file); the JDK's
 * ChaCha20-Poly1305 on one core; four providers against one, each behind a {@link RateLimitedProxy}; the 1 KiB
 * want-to-block latency; the fetcher's memory for a 64 MiB and a large file. Prints one table.
 * Arguments: MiB of the large file (256), MB/s cap per provider (4), MiB of the capped files (64). System properties:
 * {@code ipfskit.itest.dist} (runtime/target/ipfs-kit), {@code interop.dir} (itests/interop, after {@code npm ci}),
 * {@code benchmark.oursOnly} (true: only the ours -> ours row and the 1 KiB latency), {@code benchmark.latencyOnly}
 * (true: only the 1 KiB latency).
 */
public final class BitswapBenchmark {

    private static final long MIB = 1 << 20;
    private static final Duration TRANSFER = Duration.ofMinutes(10);
    private static final String MEMORY_TIER = "io.ipfskit.storage.tier.memory";
    private static final long MEMORY_TIER_BYTES = 16 * MIB;
    private static final int RUNS = 3;
    private static final int FETCHER_HEAP_MIB = 128;
    private static final String NOISE = "/noise";
    private static final String TLS = "/tls/1.0.0";
    private static final String QUIC = "quic-v1";
    /** 1 KiB block/gets timed, after the warm-up ones. */
    private static final int LATENCY_COUNT = 1000;
    private static final int LATENCY_WARM_UP = 200;
    /** System property: run only the ours -> ours rows (and the ChaCha20 one). */
    private static final String OURS_ONLY = "benchmark.oursOnly";
    /** System property: run only the 1 KiB latency rows. */
    private static final String LATENCY_ONLY = "benchmark.latencyOnly";

    private final List<String[]> rows = new ArrayList<>();

    private BitswapBenchmark() {
    }

    /** Runs every part once and prints the table. */
    public static void main(String[] args) throws Exception {
        long bigMib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        long capMbPerSecond = args.length > 1 ? Long.parseLong(args[1]) : 4;
        long cappedMib = args.length > 2 ? Long.parseLong(args[2]) : 64;
        Path dist = Path.of(System.getProperty("ipfskit.itest.dist", "runtime/target/ipfs-kit"));
        Path interop = Path.of(System.getProperty("interop.dir", "itests/interop")).toAbsolutePath();
        Path work = Files.createTempDirectory("bitswap-benchmark");
        try {
            // A copy, so a rebuild of the distribution during the run cannot change the daemons under it.
            System.setProperty("ipfskit.itest.dist", copy(dist, work.resolve("dist")).toString());
            new BitswapBenchmark().run(work, interop, bigMib, capMbPerSecond * 1_000_000, cappedMib);
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

    private void run(Path work, Path interop, long bigMib, long cap, long cappedMib) throws Exception {
        String loadAtStart = loadAverage();
        if (Boolean.getBoolean(LATENCY_ONLY)) {
            try (OurNode provider = OurNode.start(work, Map.of("p1", OurNode.Setup.DEFAULT)).get(0);
                    OurNode fetcher = OurNode.start(work, Map.of("latency-fetcher", OurNode.Setup.DEFAULT)).get(0)) {
                latency(provider, fetcher);
            }
            printWithLoad(loadAtStart);
            return;
        }
        Path files = Files.createDirectories(work.resolve("files"));
        Path warm = Content.randomFile(files.resolve("warm.bin"), 64 * MIB, 1);
        Path big = Content.randomFile(files.resolve("big.bin"), bigMib * MIB, 2);

        chacha(64 * MIB);
        double aead = chacha(bigMib * MIB);
        row("JDK ChaCha20-Poly1305, one core (64 KiB messages)", mbs(aead), "");
        if (Boolean.getBoolean(OURS_ONLY)) {
            oursOnly(work, warm, big, aead);
            printWithLoad(loadAtStart);
            return;
        }
        Path cappedOne = Content.randomFile(files.resolve("capped-one.bin"), cappedMib * MIB, 3);
        Path cappedFour = Content.randomFile(files.resolve("capped-four.bin"), cappedMib * MIB, 4);

        Map<String, OurNode.Setup> setups = new LinkedHashMap<>();
        for (String name : List.of("p1", "p2", "p3", "p4", "latency-fetcher")) {
            setups.put(name, OurNode.Setup.DEFAULT);
        }
        List<OurNode> nodes = OurNode.start(work, setups);
        try {
            List<OurNode> providers = nodes.subList(0, 4);
            OurNode p1 = providers.get(0);
            OurNode fetcher = nodes.get(4);
            String warmCid = p1.add(warm);
            String bigCid = p1.add(big);
            Runs ours = oursToOurs(work, p1, p1.address, warm, warmCid, big, bigCid, NOISE);
            Runs overTls = oursToOurs(work, p1, p1.address, warm, warmCid, big, bigCid, TLS);
            Runs overQuic = overQuic(work, warm, warmCid, big, bigCid);
            Runs helia = heliaToHelia(interop, warm, warmCid, big, bigCid);
            row("ours -> ours, " + bigMib + " MiB, 1 provider (two daemons)", mbs(ours.median()),
                    String.format(Locale.ROOT, "%s; %.2f of ChaCha20-Poly1305, %.2fx Helia", ours,
                            ours.median() / aead, ours.median() / helia.median()));
            row("ours -> ours over TLS 1.3 (fetcher without Noise)", mbs(overTls.median()),
                    String.format(Locale.ROOT, "%s; %.2fx over Noise", overTls, overTls.median() / ours.median()));
            row("ours -> ours over QUIC (a provider on TCP and QUIC)", mbs(overQuic.median()),
                    String.format(Locale.ROOT, "%s; %.2fx over Noise", overQuic, overQuic.median() / ours.median()));
            row("Helia -> Helia, " + bigMib + " MiB, 1 provider (two node processes)", mbs(helia.median()),
                    helia + "; same CID as ours");

            latency(p1, fetcher);
            fetcher.close();

            capped(work, providers, cap, cappedOne, cappedFour, cappedMib);
            for (OurNode provider : providers.subList(1, 4)) {
                provider.close();
            }
            memory(work, p1, warm, warmCid, big, bigCid, bigMib);
        } finally {
            for (OurNode node : nodes) {
                node.close();
            }
        }
        printWithLoad(loadAtStart);
    }

    /** The ours -> ours row alone (one provider, fresh fetchers), for iterating on our side's CPU per MiB. */
    private void oursOnly(Path work, Path warm, Path big, double aead) throws Exception {
        try (OurNode provider = OurNode.start(work, Map.of("p1", OurNode.Setup.DEFAULT)).get(0)) {
            String warmCid = provider.add(warm);
            String bigCid = provider.add(big);
            Runs ours = oursToOurs(work, provider, provider.address, warm, warmCid, big, bigCid, NOISE);
            row("ours -> ours, " + Files.size(big) / MIB + " MiB, 1 provider (two daemons)", mbs(ours.median()),
                    String.format(Locale.ROOT, "%s; %.2f of ChaCha20-Poly1305", ours, ours.median() / aead));
            try (OurNode fetcher = OurNode.start(work, Map.of("latency-fetcher", OurNode.Setup.DEFAULT)).get(0)) {
                latency(provider, fetcher);
            }
        }
    }

    /**
     * The 1 KiB rows: a fresh fetcher connects to the provider and times its block/gets from the network, then local;
     * then as many other blocks again, once its JIT compiled what the first ones ran.
     */
    private void latency(OurNode provider, OurNode fetcher) throws Exception {
        fetcher.connect(provider.address);
        BlockLatency.Result latency = BlockLatency.measure(provider, fetcher, 99, LATENCY_WARM_UP, LATENCY_COUNT);
        row("1 KiB block/get from the provider (want -> block + RPC)", percentiles(latency.remote()),
                LATENCY_COUNT + " after " + LATENCY_WARM_UP + " warm-up");
        row("1 KiB block/get once local (the RPC alone)", percentiles(latency.local()), "same blocks");
        BlockLatency.Result again = BlockLatency.measure(provider, fetcher, 100, 0, LATENCY_COUNT);
        row("1 KiB block/get from the provider, other blocks", percentiles(again.remote()),
                "right after: the fetcher's JIT warmer");
        row("1 KiB block/get once local, other blocks", percentiles(again.local()), "same blocks");
    }

    private void printWithLoad(String loadAtStart) throws IOException {
        print();
        System.out.println("load average (1, 5, 15 min) at the start " + loadAtStart + ", at the end " + loadAverage()
                + "; " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /** The first three fields of /proc/loadavg: other work on the machine slows every figure down. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /**
     * The runs of {@link #oursToOurs} against a provider of its own that listens on QUIC too (the others listen on TCP
     * only, so that the capped runs' proxies cannot be bypassed), dialled at its QUIC address.
     */
    private static Runs overQuic(Path work, Path warm, String warmCid, Path big, String bigCid) throws Exception {
        try (OurNode provider = OurNode.start(work, Map.of("p-quic", OurNode.Setup.WITH_QUIC)).get(0)) {
            if (!provider.add(warm).equals(warmCid) || !provider.add(big).equals(bigCid)) {
                throw new IllegalStateException("the QUIC provider made other CIDs");
            }
            String quicAddress = null;
            for (JsonNode address : provider.rpc.call("id").get("Addresses")) {
                if (address.asText().contains("/" + QUIC + "/")) {
                    quicAddress = address.asText();
                }
            }
            if (quicAddress == null) {
                throw new IllegalStateException("the QUIC provider does not listen on QUIC");
            }
            return oursToOurs(work, provider, quicAddress, warm, warmCid, big, bigCid, QUIC);
        }
    }

    /**
     * Our daemons over loopback: a fresh fetcher for each run, warmed up with the small file first; for TLS the fetcher
     * stops its Noise bundle before it dials, so the connection (checked in swarm/peers) is secured by TLS; for QUIC the
     * address dialled is a QUIC one.
     */
    private static Runs oursToOurs(Path work, OurNode provider, String address, Path warm, String warmCid, Path big,
            String bigCid, String security) throws Exception {
        Runs runs = new Runs(RUNS, Files.size(big));
        for (int run = 0; run < RUNS; run++) {
            String name = "fetcher-" + Map.of(NOISE, "", TLS, "tls-", QUIC, "quic-").get(security) + run;
            try (OurNode fetcher = OurNode.start(work, Map.of(name, OurNode.Setup.DEFAULT)).get(0)) {
                if (security.equals(TLS)) {
                    fetcher.stopBundle("io.ipfskit.security.noise");
                }
                fetcher.connect(address);
                if (!fetcher.security().equals(security)) {
                    throw new IllegalStateException("the fetcher connected over " + fetcher.security() + ", not " + security);
                }
                fetcher.cat(warmCid, sha256(warm));
                String bigSha256 = sha256(big);
                long compilerBefore = provider.compilerCpuNanos() + fetcher.compilerCpuNanos();
                long cpuBefore = cpuNanos(provider.daemon.pid()) + cpuNanos(fetcher.daemon.pid());
                long dataBefore = fetcher.dataReceived();
                double seconds = fetcher.cat(bigCid, bigSha256);
                long cpu = cpuNanos(provider.daemon.pid()) + cpuNanos(fetcher.daemon.pid()) - cpuBefore;
                long compiler = provider.compilerCpuNanos() + fetcher.compilerCpuNanos() - compilerBefore;
                if (fetcher.dataReceived() - dataBefore < Files.size(big)) {
                    throw new IllegalStateException("run " + run + " did not fetch the whole file over Bitswap");
                }
                runs.add(Files.size(big) / seconds / 1e6, cpu, compiler);
            }
        }
        return runs;
    }

    /**
     * Helia to Helia over loopback for the same files, imported in kubo's layout: a fresh fetcher for each run, warmed
     * up with the small file first.
     */
    private static Runs heliaToHelia(Path interop, Path warm, String warmCid, Path big, String bigCid) throws Exception {
        Runs runs = new Runs(RUNS, Files.size(big));
        try (JsPeer provider = helia(interop)) {
            requireSame(warmCid, provider.call("addFile", Map.of("path", warm.toString(), "layout", "kubo"), TRANSFER));
            requireSame(bigCid, provider.call("addFile", Map.of("path", big.toString(), "layout", "kubo"), TRANSFER));
            for (int run = 0; run < RUNS; run++) {
                try (JsPeer fetcher = helia(interop)) {
                    fetcher.call("dial", Map.of("addr", provider.address));
                    heliaCat(fetcher, warmCid, warm);
                    long cpuBefore = cpuNanos(provider.pid()) + cpuNanos(fetcher.pid());
                    double rate = heliaCat(fetcher, bigCid, big);
                    runs.add(rate, cpuNanos(provider.pid()) + cpuNanos(fetcher.pid()) - cpuBefore);
                }
            }
        }
        return runs;
    }

    private static JsPeer helia(Path interop) throws Exception {
        return new JsPeer(interop, "helia-peer.mjs", Map.of());
    }

    private static void requireSame(String ours, JsonNode helia) {
        if (!ours.equals(helia.get("cid").asText())) {
            throw new IllegalStateException("Helia imported " + helia.get("cid").asText() + ", ours " + ours);
        }
    }

    private static double heliaCat(JsPeer fetcher, String cid, Path file) throws Exception {
        JsonNode cat = fetcher.call("cat", Map.of("cid", cid), TRANSFER);
        if (!cat.get("sha256").asText().equals(sha256(file))) {
            throw new IllegalStateException("Helia's cat of " + cid + " gave other bytes");
        }
        return Files.size(file) / cat.get("seconds").asDouble() / 1e6;
    }

    /** One provider, then four, each reached only through its own proxy capped at {@code cap} bytes per second. */
    private void capped(Path work, List<OurNode> providers, long cap, Path one, Path four, long mib) throws Exception {
        String oneCid = null;
        String fourCid = null;
        for (OurNode provider : providers) {
            oneCid = provider.add(one);
            fourCid = provider.add(four);
        }
        List<RateLimitedProxy> proxies = new ArrayList<>();
        try (OurNode fetcher = OurNode.start(work, Map.of("capped-fetcher", OurNode.Setup.DEFAULT)).get(0)) {
            for (OurNode provider : providers) {
                RateLimitedProxy proxy = new RateLimitedProxy(new InetSocketAddress("127.0.0.1", port(provider.address)), cap);
                proxies.add(proxy);
            }
            fetcher.connect(proxied(providers.get(0), proxies.get(0)));
            double single = mib * MIB / fetcher.cat(oneCid, sha256(one)) / 1e6;
            for (int i = 1; i < providers.size(); i++) {
                fetcher.connect(proxied(providers.get(i), proxies.get(i)));
            }
            requireOnlyProxied(fetcher, proxies);
            long[] before = received(fetcher, providers);
            double spread = mib * MIB / fetcher.cat(fourCid, sha256(four)) / 1e6;
            long[] after = received(fetcher, providers);
            StringBuilder shares = new StringBuilder();
            for (int i = 0; i < after.length; i++) {
                shares.append(i == 0 ? "" : "/").append((after[i] - before[i]) / MIB);
            }
            String capText = String.format(Locale.ROOT, "%.1f MB/s", cap / 1e6);
            row("1 provider capped at " + capText + ", " + mib + " MiB", mbs(single), "");
            row("4 providers capped at " + capText + " each, " + mib + " MiB", mbs(spread),
                    String.format(Locale.ROOT, "%.2fx one provider; MiB from each: %s", spread / single, shares));
        } finally {
            for (RateLimitedProxy proxy : proxies) {
                proxy.close();
            }
        }
    }

    /** Bytes the fetcher's ledgers say each provider sent it. */
    private static long[] received(OurNode fetcher, List<OurNode> providers) throws Exception {
        long[] received = new long[providers.size()];
        for (int i = 0; i < received.length; i++) {
            received[i] = fetcher.rpc.call("bitswap/ledger?arg=" + providers.get(i).id).get("Recv").asLong();
        }
        return received;
    }

    private static String proxied(OurNode provider, RateLimitedProxy proxy) {
        return "/ip4/127.0.0.1/tcp/" + proxy.port() + "/p2p/" + provider.id;
    }

    private static int port(String address) {
        return Integer.parseInt(address.split("/")[4]);
    }

    /** Fails unless every connection of the fetcher goes through a proxy (no direct dial around the caps). */
    private static void requireOnlyProxied(OurNode fetcher, List<RateLimitedProxy> proxies) throws Exception {
        List<Integer> ports = proxies.stream().map(RateLimitedProxy::port).toList();
        for (JsonNode peer : fetcher.rpc.call("swarm/peers").path("Peers")) {
            if (!ports.contains(port(peer.get("Addr").asText()))) {
                throw new IllegalStateException("a connection around the proxies: " + peer);
            }
        }
    }

    /**
     * A fresh fetcher per file (memory tier at 16 MiB, heap at most 128 MiB, GC logged) fetches it from the provider:
     * its resident set over the transfer, and its live heap halfway through.
     */
    private void memory(Path work, OurNode provider, Path small, String smallCid, Path large, String largeCid, long largeMib)
            throws Exception {
        memoryRun(work, "memory-small", provider, small, smallCid, 64);
        memoryRun(work, "memory-large", provider, large, largeCid, largeMib);
    }

    private void memoryRun(Path work, String name, OurNode provider, Path file, String cid, long mib) throws Exception {
        Path gcLog = Files.createDirectories(work.resolve(name + "-log")).resolve("gc.log");
        OurNode.Setup setup = new OurNode.Setup(Map.of(MEMORY_TIER, "maxBytes = " + MEMORY_TIER_BYTES),
                "-Xmx" + FETCHER_HEAP_MIB + "m -Xlog:gc:file=" + gcLog);
        try (OurNode fetcher = OurNode.start(work, Map.of(name, setup)).get(0)) {
            fetcher.connect(provider.address);
            MemoryProbe.Figures figures;
            try (MemoryProbe probe = new MemoryProbe(fetcher.daemon.pid(), gcLog)) {
                fetcher.cat(cid, sha256(file), Files.size(file) / 2, probe::collect);
                figures = probe.stop();
            }
            if (figures.liveHeap() < 0) {
                throw new IllegalStateException("the fetcher's GC log shows no full collection: " + gcLog);
            }
            row("fetcher memory, " + mib + " MiB (-Xmx" + FETCHER_HEAP_MIB + "m, 16 MiB memory tier)",
                    String.format(Locale.ROOT, "live heap %d MiB", figures.liveHeap() / MIB),
                    String.format(Locale.ROOT, "halfway (full GC); RSS %d MiB before, at most %d MiB during",
                            figures.rssBefore() / MIB, figures.peakRss() / MIB));
        }
    }

    /** CPU time of a process so far (utime + stime from /proc, 100 ticks per second). */
    private static long cpuNanos(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    private static double chacha(long bytes) throws Exception {
        int chunk = 64 * 1024;
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        SecretKeySpec key = new SecretKeySpec(new byte[32], "ChaCha20");
        ByteBuffer in = ByteBuffer.allocate(chunk);
        ByteBuffer out = ByteBuffer.allocate(chunk + 16);
        byte[] nonce = new byte[12];
        long start = System.nanoTime();
        for (long n = 0; n * chunk < bytes; n++) {
            ByteBuffer.wrap(nonce, 4, 8).putLong(n);
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            in.clear();
            out.clear();
            cipher.doFinal(in, out);
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String mbs(double mbPerSecond) {
        return String.format(Locale.ROOT, "%.1f MB/s", mbPerSecond);
    }

    private static String percentiles(long[] sorted) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", BlockLatency.Result.millis(sorted, 0.5),
                BlockLatency.Result.millis(sorted, 0.99));
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
