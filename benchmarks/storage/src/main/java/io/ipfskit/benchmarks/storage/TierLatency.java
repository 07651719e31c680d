package io.ipfskit.benchmarks.storage;

import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Latency of {@code get} of one 256 KiB block per tier: median and 99th percentile over random reads of a warm set. */
final class TierLatency {

    private static final int BLOCK = 256 * 1024;
    private static final int BLOCKS = 64;
    private static final int READS = 2000;

    private TierLatency() {
    }

    /** Fills the tier with {@value #BLOCKS} blocks, reads them at random and prints the latency percentiles. */
    static void measure(StorageTier tier) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        Cid[] cids = new Cid[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            byte[] block = new byte[BLOCK];
            random.nextBytes(block);
            cids[i] = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
            if (!tier.put(cids[i], block)) {
                throw new IllegalStateException(tier.name() + " refused a block");
            }
        }
        long[] nanos = new long[READS];
        for (int i = 0; i < READS; i++) {
            Cid cid = cids[random.nextInt(BLOCKS)];
            long start = System.nanoTime();
            if (tier.get(cid).isEmpty()) {
                throw new IllegalStateException(tier.name() + " lost " + cid);
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("get 256 KiB from %-18s p50 %7.1f µs   p99 %7.1f µs%n", tier.name(),
                nanos[READS / 2] / 1e3, nanos[READS * 99 / 100] / 1e3);
    }
}
