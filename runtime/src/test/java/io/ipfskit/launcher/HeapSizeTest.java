package io.ipfskit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapSizeTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aDefaultWorkerGetsTheBaseTheDefaultTierAndTwoHundredConnections(@TempDir Path repo) throws IOException {
        assertEquals(HeapSize.BASE + 192 * MIB + 200 * HeapSize.PER_CONNECTION,
                HeapSize.bytes(new String[] {"daemon", "--repo", repo.toString()}));
    }

    @Test
    void theRoleAndTheRepoConfigurationSizeIt(@TempDir Path repo) throws IOException {
        Path etc = Files.createDirectories(repo.resolve("etc"));
        assertEquals(HeapSize.BASE + 192 * MIB + 400 * HeapSize.PER_CONNECTION,
                HeapSize.bytes(new String[] {"--repo", repo.toString(), "daemon", "--role", "master"}));
        Files.writeString(etc.resolve("io.ipfskit.node.cfg"), "role = leecher\n");
        Files.writeString(etc.resolve("io.ipfskit.storage.tier.memory.cfg"), "maxBytes = 1073741824\n");
        assertEquals(HeapSize.BASE + 1536 * MIB + 100 * HeapSize.PER_CONNECTION,
                HeapSize.bytes(new String[] {"daemon", "--repo", repo.toString()}), "etc/: a leecher with a 1 GiB tier");
        Files.writeString(etc.resolve("io.ipfskit.host.cfg"), "highWater = 5000\n");
        assertEquals(HeapSize.BASE + 1536 * MIB + 5000 * HeapSize.PER_CONNECTION,
                HeapSize.bytes(new String[] {"daemon", "--repo", repo.toString()}), "a configured high-water mark wins");
    }

    @Test
    void onlyADaemonIsSized() {
        assertThrows(IllegalArgumentException.class, () -> HeapSize.bytes(new String[] {"id"}));
        assertThrows(RuntimeException.class, () -> HeapSize.bytes(new String[] {"daemon", "--no-such-option"}));
    }
}
