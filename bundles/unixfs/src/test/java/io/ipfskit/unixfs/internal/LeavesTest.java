package io.ipfskit.unixfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.UnixfsData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeavesTest {

    private static final int CHUNK = 1024;

    /** Leaves hashed on the pool come out in the file's order, stored in that order, as the serial path makes them. */
    @Test
    void leavesComeInOrderAsTheSerialPathMakesThem() throws IOException {
        byte[] file = new byte[100 * CHUNK + 17];
        new Random(2).nextBytes(file);
        ImportOptions options = new ImportOptions(0, false, CHUNK, false);
        List<Cid> stored = new ArrayList<>();
        Nodes nodes = new Nodes(options, (cid, block) -> stored.add(cid));
        Leaves leaves = new Leaves(new Chunks(new ByteArrayInputStream(file), CHUNK), nodes, UnixfsData.Type.FILE);
        List<Cid> expected = new ArrayList<>();
        Nodes serial = new Nodes(options, (cid, block) -> expected.add(cid));
        Chunks chunks = new Chunks(new ByteArrayInputStream(file), CHUNK);
        while (!chunks.done()) {
            serial.leaf(chunks.next(), UnixfsData.Type.FILE);
        }
        List<Cid> taken = new ArrayList<>();
        while (!leaves.done()) {
            Imported leaf = leaves.next();
            taken.add(leaf.cid());
        }
        assertEquals(expected, taken);
        assertEquals(expected, stored);
    }

    /** The reader runs at most {@link Leaves#AHEAD} chunks (plus the one Chunks looks ahead) before the caller. */
    @Test
    void readsABoundedWindowAhead() throws IOException {
        long[] read = new long[1];
        InputStream endless = new FilterInputStream(InputStream.nullInputStream()) {
            @Override
            public int read(byte[] b, int off, int len) {
                read[0] += len;
                return len;
            }
        };
        Leaves leaves = new Leaves(new Chunks(endless, CHUNK), new Nodes(new ImportOptions(1, true, CHUNK, false),
                (cid, block) -> { }), UnixfsData.Type.RAW);
        for (int i = 0; i < 50; i++) {
            leaves.next();
            assertTrue(read[0] <= (long) (i + 2 + Leaves.AHEAD) * CHUNK, "read " + read[0] + " bytes after " + (i + 1));
        }
    }
}
