package io.ipfskit.protocol.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.protocol.bitswap.testing.BitswapNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures, not checks (numbers on shared cores belong in notes): one provider to one fetcher over loopback (TCP,
 * Noise, yamux) for a 64 MiB file (the transfer alone, its blocks verified and stored; the bytes are compared after
 * the clock stopped), and the want-to-block latency of a 1 KiB block, beside the JDK's own ChaCha20-Poly1305 rate on
 * one core. Run by hand:
 * <pre>mvn -pl bundles/protocol.bitswap test -Dtest=BitswapMeasurement -Dbitswap.measure=true [-Dbitswap.mib=64]
 *     [-Dbitswap.outstanding=1048576]</pre>
 */
@EnabledIfSystemProperty(named = "bitswap.measure", matches = "true")
class BitswapMeasurement {

    private static final int MIB = 1024 * 1024;

    @Test
    void throughputAndLatency() throws Exception {
        int size = Integer.getInteger("bitswap.mib", 64) * MIB;
        System.out.printf("JDK ChaCha20-Poly1305, one core: %.0f MB/s%n", chacha());
        try (BitswapNode a = new BitswapNode(); BitswapNode b = fetcher()) {
            byte[] file = BitswapNode.random(size, 42);
            Cid root = a.add(file);
            b.connect(a);
            for (int run = 1; run <= 3; run++) {
                try (BitswapNode fresh = run == 1 ? null : fetcher()) {
                    BitswapNode fetcher = fresh == null ? b : fresh;
                    if (fresh != null) {
                        fresh.connect(a);
                    }
                    Map<String, Long> threadsBefore = threadCpu();
                    long start = System.nanoTime();
                    long cpuStart = cpu();
                    try (ExchangeSession session = fetcher.bitswap.newSession()) {
                        BitswapNode.fetchDag(session, root, 64, Duration.ofMinutes(5));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpu = (cpu() - cpuStart) / 1e9;
                    assertArrayEquals(file, fetcher.read(root));
                    System.out.printf("run %d: %d MiB in %.2f s = %.1f MB/s, %.2f CPU-seconds (both nodes: %s)%n", run,
                            size / MIB, seconds, size / seconds / 1e6, cpu, since(threadsBefore));
                }
            }
            List<Cid> small = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                byte[] block = BitswapNode.random(1024, 1000 + i);
                Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
                a.repo.put(cid, block);
                small.add(cid);
            }
            long[] nanos = new long[small.size()];
            try (ExchangeSession session = b.bitswap.newSession()) {
                for (int i = 0; i < small.size(); i++) {
                    long start = System.nanoTime();
                    session.get(small.get(i)).get(10, TimeUnit.SECONDS);
                    nanos[i] = System.nanoTime() - start;
                }
            }
            long[] measured = Arrays.copyOfRange(nanos, 500, nanos.length);
            Arrays.sort(measured);
            System.out.printf("1 KiB want -> block (%d after 500 warm-up): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n",
                    measured.length, measured[measured.length / 2] / 1e6, measured[measured.length * 9 / 10] / 1e6,
                    measured[measured.length * 99 / 100] / 1e6);
        }
    }

    /**
     * The 1 KiB want-to-block latency alone, as RPC {@code block/get} asks: a session of its own for each block, after
     * a warm-up (-Dbitswap.latency.count, default 5000, the first fifth not counted).
     */
    @Test
    void latencyOfASessionPerBlock() throws Exception {
        int count = Integer.getInteger("bitswap.latency.count", 5000);
        try (BitswapNode a = new BitswapNode(); BitswapNode b = new BitswapNode(BitswapSettings.of(NodeRole.WORKER),
                null)) {
            b.connect(a);
            List<Cid> small = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] block = BitswapNode.random(1024, 1000 + i);
                Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
                a.repo.put(cid, block);
                small.add(cid);
            }
            long[] nanos = new long[count];
            long cpuStart = 0;
            for (int i = 0; i < count; i++) {
                if (i == count / 5) {
                    cpuStart = cpu();
                }
                long start = System.nanoTime();
                try (ExchangeSession session = b.bitswap.newSession()) {
                    session.get(small.get(i)).get(10, TimeUnit.SECONDS);
                }
                nanos[i] = System.nanoTime() - start;
            }
            double cpuMicros = (cpu() - cpuStart) / 1e3 / (count - count / 5);
            long[] measured = Arrays.copyOfRange(nanos, count / 5, count);
            Arrays.sort(measured);
            System.out.printf("1 KiB want -> block, a session each (%d after %d warm-up): p50 %.3f ms, p90 %.3f ms, "
                    + "p99 %.3f ms, max %.3f ms; %.0f us CPU a block (both nodes)%n", measured.length, count / 5,
                    measured[measured.length / 2] / 1e6, measured[measured.length * 9 / 10] / 1e6,
                    measured[measured.length * 99 / 100] / 1e6, measured[measured.length - 1] / 1e6, cpuMicros);
        }
    }

    /** A fetcher with boxo's 1 MiB outstanding per peer, or {@code -Dbitswap.outstanding=BYTES}. */
    private static BitswapNode fetcher() {
        long outstanding = Long.getLong("bitswap.outstanding", 1 << 20);
        return new BitswapNode(BitswapSettings.of(NodeRole.WORKER)
                .withClient(BitswapNode.FAST.withMaxOutstandingBytesPerPeer(outstanding)), null);
    }

    /** CPU nanoseconds of every live thread so far, summed by thread name without its numbers. */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                out.merge(info.getThreadName().replaceAll("[0-9]+", "N"), nanos, Long::sum);
            }
        }
        return out;
    }

    /** The thread groups' CPU seconds since {@code before}, largest first (threads that ended are not counted). */
    private static String since(Map<String, Long> before) {
        return threadCpu().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= 10_000_000L)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 1e9))
                .collect(Collectors.joining(", "));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double chacha() throws Exception {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        SecretKeySpec key = new SecretKeySpec(new byte[32], "ChaCha20");
        byte[] frame = new byte[65535 - 16];
        byte[] out = new byte[65535];
        long total = 0;
        long start = System.nanoTime();
        long nonce = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
            byte[] iv = new byte[12];
            long n = nonce++;
            for (int i = 0; i < 8; i++) {
                iv[4 + i] = (byte) (n >>> (8 * i));
            }
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(frame, 0, frame.length, out, 0);
            total += frame.length;
        }
        return total / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
}
