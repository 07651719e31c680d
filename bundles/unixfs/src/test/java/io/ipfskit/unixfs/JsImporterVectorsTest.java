package io.ipfskit.unixfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Root CIDs computed by the JavaScript importer (npm ipfs-unixfs-importer 17.1.1, profile {@code unixfs-v0-2015},
 * kubo's trickle simulated with {@code leafType: 'raw'} and {@code reduceSingleLeafToSelf: false}) for the layouts
 * {@code ipfs_cid} cannot check: trickle, raw leaves, CIDv1 and HAMT-sharded directories. Content byte i is
 * {@code (31 i + 7) mod 251}. Regenerate with {@code src/test/oracle/oracle.mjs} (Node 20).
 */
class JsImporterVectorsTest {

    private static byte[] content(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ((i * 31 + 7) % 251);
        }
        return data;
    }

    @ParameterizedTest
    @CsvSource({
        "1000000, 0, , size-262144, false, QmNRNohXUXM37EGaUkjhiyVh8awvTLLnh6hebFj6ydQUa7",
        "0, 0, , size-262144, true, QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH",
        "12, 0, , size-262144, true, QmQ1SfQQUVWUB2MScPf96jZHADKhPomdu2LDGagMC6wLaP",
        "1000, 0, , size-10, true, QmWvbdBSe16w9DQFx8xmSCWJPUTm7w46LE2aLXdNypVMHh",
        "10000, 0, , size-10, true, QmeCeZVUp1SgLygYbZBXBc2HfNDosdTTZQJ3NvPzpxDinL",
        "200000, 0, , size-7, true, QmRpD5tSmrEoCyeiqKsSwXB9oEUfGG52jp8YegptscxLpp",
        "1000000, 1, , size-262144, false, bafybeiclwhwdl4p5zj7tkk4w4xwcnphz76aibkikjcfmx7cecdfjdtlstq",
        "5000, 1, , size-10, false, bafybeifauf2lb7bozhz25kqvkaaadbdcha2ssfh4x7ko6ydpnmiiucxdfm",
        "5000, 0, true, size-10, false, Qmaz4iEpHN27stcutEmNrPD6gFfdF7naBVHoXufr3SJUgR",
        "5000, 1, , size-10, true, bafybeiffh4ijxtmowfzh6te2ndsg22dgyomubcafbxjeagdoyg43kzyppq",
    })
    void fileRootsMatch(int size, int cidVersion, Boolean rawLeaves, String chunker, boolean trickle, String expected)
            throws IOException {
        Imported root = new Importer(ImportOptions.of(cidVersion, rawLeaves, chunker, trickle), (cid, block) -> { })
                .file(new ByteArrayInputStream(content(size)));
        assertEquals(expected, root.cid().toString());
    }

    @Test
    void directoryRootsMatchOnBothSidesOfTheShardingThreshold() throws IOException {
        MemoryBlocks blocks = new MemoryBlocks();
        Importer importer = new Importer(ImportOptions.KUBO_DEFAULTS, blocks);
        Imported hello = importer.file(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.US_ASCII)));
        Map<Integer, String> expected = Map.of(
                6553, "QmNuK6P1ab1WizLuaq3ACXqsZVE95JbUstWw9mFe3RM73Z",
                6555, "QmakuyB6fNkBh1vn9RzkLfwKvjxYApepVVNJ9XeEYksQx8",
                7000, "QmSLApAodznjSezRpAo2CarD4uxpWiDgZrMwSxzbLwsYQA");
        for (Map.Entry<Integer, String> vector : expected.entrySet()) {
            Map<String, Imported> entries = new TreeMap<>();
            for (int i = 0; i < vector.getKey(); i++) {
                entries.put(String.format("f%05d", i), hello);
            }
            assertEquals(vector.getValue(), importer.directory(entries).cid().toString(), vector.getKey() + " entries");
        }
    }
}
