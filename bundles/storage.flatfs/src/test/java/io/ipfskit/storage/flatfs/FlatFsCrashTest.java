package io.ipfskit.storage.flatfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process writing blocks: every acknowledged block survives, no file fails its hash, no temp remains. */
class FlatFsCrashTest {

    private static final int ACKNOWLEDGED = 40;

    @TempDir
    Path dir;

    @Test
    void survivesSigkillMidWrite() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Cid> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
            while (acknowledged.size() < ACKNOWLEDGED) {
                String line = out.readLine();
                assertTrue(line != null, "the writer died early");
                acknowledged.add(Cid.parse(line));
            }
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, writer.exitValue(), "killed by SIGKILL");

        FlatFs reopened = FlatFs.open(dir, Long.MAX_VALUE);
        for (Cid cid : acknowledged) {
            assertTrue(reopened.get(cid).isPresent(), "acknowledged block lost: " + cid);
        }
        List<Multihash> stored = new ArrayList<>();
        reopened.forEach(stored::add);
        assertTrue(stored.size() >= ACKNOWLEDGED);
        for (Multihash key : stored) {
            assertTrue(reopened.get(Cid.v1(Multicodec.RAW, key)).isPresent(), "stored block fails its hash: " + key);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith(".temp-")).count());
        }
    }
}
