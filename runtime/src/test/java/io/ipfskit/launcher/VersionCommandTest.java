package io.ipfskit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubo's {@code version}, {@code version -n} and {@code version --all}, answered without a node. */
class VersionCommandTest {

    private static List<String> lines(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.commandLine().execute(args));
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void numberAndAllAsKubo(@TempDir Path home) throws Exception {
        String version = "1.2.3-TEST";
        Files.writeString(home.resolve("VERSION"), version + "\n");
        String before = System.setProperty("ipfskit.home", home.toString());
        try {
            check(version);
        } finally {
            if (before == null) {
                System.clearProperty("ipfskit.home");
            } else {
                System.setProperty("ipfskit.home", before);
            }
        }
    }

    private static void check(String version) {
        assertEquals(List.of("ipfs-kit version " + version), lines("version"));
        assertEquals(List.of(version), lines("version", "-n"));
        List<String> all = lines("version", "--all");
        assertEquals("ipfs-kit version: " + version, all.get(0));
        assertTrue(all.contains("System version: " + System.getProperty("os.arch") + "/linux")
                && all.contains("Java version: " + System.getProperty("java.version")), all.toString());
    }
}
