package io.ipfskit.benchmarks.storage;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.storage.flatfs.FlatFs;
import io.ipfskit.storage.tier.disk.DiskTier;
import io.ipfskit.storage.tier.memory.MemoryTier;
import io.ipfskit.storage.tier.memory.MemoryTierConfig;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.Importer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Storage throughput in one run: the JDK's SHA-256 over 256 KiB chunks, add (chunk + hash, blocks discarded), add
 * into the durable flatfs store (chunk + hash + fsynced write), cat back from it, get latency per tier (memory, disk
 * cache, flatfs), and the peak heap while adding
 * 1 GiB (run with a small {@code -Xmx} to see that it stays flat). Arguments: megabytes per run (default 256).
 */
public final class StorageBenchmark {

    private static final MemoryTierConfig MEMORY_24_MIB = new MemoryTierConfig() {
        @Override
        public long maxBytes() {
            return 24L << 20;
        }

        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
            return MemoryTierConfig.class;
        }
    };

    private StorageBenchmark() {
    }

    /** Runs every measurement and prints one line each. */
    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 256) << 20;
        byte[] chunk = new byte[ImportOptions.DEFAULT_CHUNK_SIZE];
        new SplittableRandom(1).nextBytes(chunk);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        report("warm-up add", size, () -> add(size, (cid, block) -> { }));
        report("sha-256 (JDK)", size, () -> {
            for (long done = 0; done < size; done += chunk.length) {
                sha.update(chunk);
                sha.digest();
            }
        });
        report("add (chunk + hash)", size, () -> add(size, (cid, block) -> { }));
        Path dir = Files.createTempDirectory("ipfskit-bench-");
        try {
            FlatFs flatfs = FlatFs.open(dir, Long.MAX_VALUE);
            Cid[] root = new Cid[1];
            report("add into flatfs (fsync per block)", size, () -> root[0] = add(size, flatfs::put).cid());
            report("cat from flatfs", size, () -> {
                try (InputStream in = new Exporter(flatfs::get).cat(root[0], 0, -1)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            });
            try (MemoryTier memory = new MemoryTier(MEMORY_24_MIB)) {
                TierLatency.measure(memory);
            }
            try (DiskTier disk = DiskTier.open(dir.resolve("disk-tier"), 256L << 20)) {
                TierLatency.measure(disk);
            }
            TierLatency.measure(FlatFs.open(dir.resolve("flatfs-tier"), Long.MAX_VALUE));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
        resetPeaks();
        report("add 1 GiB (chunk + hash)", 1L << 30, () -> add(1L << 30, (cid, block) -> { }));
        System.out.printf("peak heap while adding 1 GiB: %.1f MiB (max heap %.0f MiB)%n", peakHeap() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static Imported add(long size, io.ipfskit.unixfs.BlockSink sink) throws IOException {
        return new Importer(ImportOptions.KUBO_DEFAULTS, sink).file(new Pattern(size));
    }

    private static void report(String name, long bytes, Run run) throws IOException {
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-36s %8.1f MB/s%n", name, bytes / 1e6 / seconds);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** A measured step. */
    private interface Run {
        void run() throws IOException;
    }

    /**
     * {@code size} pseudo-random bytes without holding them: byte i is {@code POOL[i mod P]} for a prime P, so every
     * 256 KiB chunk starts at a different pool offset and differs from the others.
     */
    private static final class Pattern extends InputStream {
        private static final byte[] POOL = new byte[1048573];

        static {
            new SplittableRandom(2).nextBytes(POOL);
        }

        private final long size;
        private long position;

        Pattern(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? POOL[(int) (position++ % POOL.length)] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int from = (int) (position % POOL.length);
            int n = (int) Math.min(Math.min(length, size - position), POOL.length - from);
            System.arraycopy(POOL, from, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
