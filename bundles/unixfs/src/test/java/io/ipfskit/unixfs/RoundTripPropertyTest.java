package io.ipfskit.unixfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Import/export properties, each checked on {@value #TRIES} random inputs and options. A failure names its seed;
 * replay it with -Dproperty.seed=SEED.
 */
class RoundTripPropertyTest {

    private static final int TRIES = 200;
    private static final long SEED = Long.getLong("property.seed", System.nanoTime());

    /** One random case: runs it and names the seed that reproduces it when it fails. */
    private interface Case {
        void check(Random random) throws IOException;
    }

    private static void forAll(Case property) throws IOException {
        for (int i = 0; i < TRIES; i++) {
            long seed = SEED + i;
            try {
                property.check(new Random(seed));
            } catch (AssertionError | IOException | RuntimeException e) {
                throw new AssertionError("failed for -Dproperty.seed=" + seed + ": " + e, e);
            }
        }
    }

    private static byte[] bytes(Random random, int min, int max) {
        byte[] data = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(data);
        return data;
    }

    @Test
    void importThenExportIsTheIdentity() throws IOException {
        forAll(random -> {
            byte[] data = bytes(random, 0, 20000);
            ImportOptions options = new ImportOptions(random.nextInt(2), random.nextBoolean(), 1 + random.nextInt(600),
                    random.nextBoolean());
            MemoryBlocks blocks = new MemoryBlocks();
            Imported root = new Importer(options, blocks).file(new ByteArrayInputStream(data));
            Exporter exporter = new Exporter(blocks);
            assertEquals(data.length, root.size());
            assertEquals(data.length, exporter.size(root.cid()));
            assertArrayEquals(data, exporter.cat(root.cid(), 0, -1).readAllBytes());
        });
    }

    @Test
    void anyRangeReadsTheSameBytes() throws IOException {
        forAll(random -> {
            byte[] data = bytes(random, 1, 5000);
            int chunk = 1 + random.nextInt(64);
            int offset = random.nextInt(6001);
            int length = random.nextInt(6001);
            MemoryBlocks blocks = new MemoryBlocks();
            Imported root = new Importer(new ImportOptions(0, false, chunk, false), blocks).file(new ByteArrayInputStream(data));
            int from = Math.min(offset, data.length);
            int to = (int) Math.min(data.length, (long) from + length);
            assertArrayEquals(Arrays.copyOfRange(data, from, to), new Exporter(blocks).cat(root.cid(), offset, length).readAllBytes());
        });
    }
}
