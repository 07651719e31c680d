package io.ipfskit.unixfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our default import against Debian's {@code ipfs_cid} (package ipfs-cid), which computes kubo-default CIDv0s. */
class KuboCidCorpusTest {

    private static final Path IPFS_CID = Path.of("/usr/bin/ipfs_cid");
    private static final Pattern CID_V0 = Pattern.compile("\"CIDv0\"\\s*:\\s*\"(Qm\\w+)\"");
    private static final int CHUNK = ImportOptions.DEFAULT_CHUNK_SIZE;

    @TempDir
    static Path dir;

    @BeforeAll
    static void requireIpfsCid() {
        assumeTrue(Files.isExecutable(IPFS_CID),
                "assumes /usr/bin/ipfs_cid from Debian's ipfs-cid package (apt-get install ipfs-cid); skipped without it");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 174L * CHUNK - 1, 174L * CHUNK, 174L * CHUNK + 1,
            175L * CHUNK, 30L * 1024 * 1024 + 12345})
    void rootCidEqualsKubos(long size) throws IOException, InterruptedException {
        Path file = dir.resolve("file-" + size);
        write(file, size);
        Imported ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = new Importer(ImportOptions.KUBO_DEFAULTS, (cid, block) -> { }).file(in);
        }
        assertEquals(ipfsCid(file), ours.cid().toString(), "size " + size);
        Files.delete(file);
    }

    private static void write(Path file, long size) throws IOException {
        Random random = new Random(size);
        byte[] buffer = new byte[65536];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
    }

    private static String ipfsCid(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(IPFS_CID.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "ipfs_cid finished");
        Matcher matcher = CID_V0.matcher(output);
        assertEquals(true, matcher.find(), "ipfs_cid printed a CIDv0: " + output);
        return matcher.group(1);
    }
}
