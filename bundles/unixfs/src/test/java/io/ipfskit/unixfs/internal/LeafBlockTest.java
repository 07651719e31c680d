package io.ipfskit.unixfs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.unixfs.UnixfsData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeafBlockTest {

    /** The one-copy leaf is byte for byte what the general encoders make, at every varint length boundary. */
    @Test
    void encodesAsDagPbOfTheUnixfsMessage() {
        Random random = new Random(5);
        for (UnixfsData.Type type : List.of(UnixfsData.Type.FILE, UnixfsData.Type.RAW)) {
            for (int size : new int[] {0, 1, 2, 111, 112, 127, 128, 129, 16_376, 16_383, 16_384, 262_144, 1 << 20}) {
                byte[] chunk = new byte[size];
                random.nextBytes(chunk);
                byte[] data = new UnixfsData(type, size == 0 ? null : chunk, size, List.of(), -1, -1).encode();
                assertArrayEquals(DagPb.encode(new PbNode(List.of(), data)), LeafBlock.encode(type, chunk),
                        type + " of " + size + " bytes");
            }
        }
    }
}
