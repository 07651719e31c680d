package io.ipfskit.unixfs.car;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.Importer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarTest {

    private static final HexFormat HEX = HexFormat.of();

    private final Map<Cid, byte[]> blocks = new HashMap<>();
    private final byte[] data = new byte[3000];
    private Imported root;

    CarTest() throws IOException {
        new Random(7).nextBytes(data);
        root = new Importer(ImportOptions.of(0, null, "size-100", false), blocks::put).file(new ByteArrayInputStream(data));
    }

    private byte[] export() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(blocks.size(), CarWriter.write(List.of(root.cid()), cid -> Optional.ofNullable(blocks.get(cid)), out));
        return out.toByteArray();
    }

    @Test
    void headerIsCanonicalDagCbor() {
        Cid cid = Cid.parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertEquals("a265726f6f747381d82a582300" + HEX.formatHex(cid.bytes()) + "6776657273696f6e01",
                HEX.formatHex(CarHeader.encode(List.of(cid))));
    }

    @Test
    void exportThenImportRestoresTheDag() throws IOException {
        Map<Cid, byte[]> restored = new HashMap<>();
        assertEquals(List.of(root.cid()), CarReader.read(new ByteArrayInputStream(export()), restored::put));
        assertEquals(blocks.keySet(), restored.keySet());
        assertArrayEquals(data, new Exporter(cid -> Optional.ofNullable(restored.get(cid))).cat(root.cid(), 0, -1).readAllBytes());
    }

    @Test
    void readsCarV2ThroughItsInnerV1() throws IOException {
        byte[] v1 = export();
        ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        header.position(16);
        header.putLong(CarHeader.V2_PRAGMA.length + 40 + 5).putLong(v1.length).putLong(0);
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        v2.writeBytes(CarHeader.V2_PRAGMA);
        v2.writeBytes(header.array());
        v2.writeBytes(new byte[5]);
        v2.writeBytes(v1);
        v2.writeBytes(new byte[] {9, 9, 9});
        Map<Cid, byte[]> restored = new HashMap<>();
        assertEquals(List.of(root.cid()), CarReader.read(new ByteArrayInputStream(v2.toByteArray()), restored::put));
        assertEquals(blocks.keySet(), restored.keySet());
    }

    @Test
    void truncatedOrCorruptFilesStoreNothing(@TempDir Path dir) throws IOException {
        byte[] car = export();
        byte[] corrupt = car.clone();
        corrupt[corrupt.length - 1] ^= 1;
        for (byte[] bad : List.of(Arrays.copyOf(car, car.length - 1), corrupt, Arrays.copyOf(car, 3), new byte[0],
                HEX.parseHex("0aa16776657273696f6e01"))) {
            Path file = dir.resolve("bad.car");
            Files.write(file, bad);
            Map<Cid, byte[]> stored = new HashMap<>();
            CarException thrown = assertThrows(CarException.class, () -> CarReader.importFile(file, stored::put));
            assertTrue(stored.isEmpty(), thrown.getMessage());
        }
    }

    @Test
    void rejectsMalformedHeaders() {
        for (String header : List.of(
                "a165726f6f747380",                                   // one entry only
                "a26776657273696f6e0165726f6f747380",                 // keys out of order
                "a265726f6f7473806776657273696f6e02",                 // version 2 in a v1 header
                "a265726f6f7473986f6776657273696f6e01",               // roots count beyond the bytes
                "a265726f6f7473981f",                                 // non-minimal length
                "a265726f6f7473806776657273696f6e0100")) {            // trailing byte
            byte[] bytes = HEX.parseHex(header);
            assertThrows(CarException.class, () -> CarHeader.decode(bytes), header);
        }
    }
}
