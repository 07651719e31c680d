package io.ipfskit.multiformats.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @Test
    void createsAnOwnerOnlyEd25519KeyOnceAndLoadsTheSameKeyAfter(@TempDir Path repo) throws IOException {
        PrivateKey created = KeyFile.loadOrCreate(repo);
        Path file = repo.resolve(KeyFile.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(created.marshal(), KeyFile.loadOrCreate(repo).marshal(), "the same identity across restarts");
        assertArrayEquals(created.marshal(), Files.readAllBytes(file), "libp2p's protobuf of the key");
        try (var left = Files.list(repo)) {
            assertEquals(1, left.count(), "no temporary file is left beside it");
        }
    }

    @Test
    void aFileThatIsNotAKeyIsAnErrorNamingIt(@TempDir Path repo) throws IOException {
        Files.write(repo.resolve(KeyFile.FILE_NAME), new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> KeyFile.loadOrCreate(repo));
        assertTrue(e.getMessage().contains(KeyFile.FILE_NAME) && e.getMessage().contains("not a libp2p private key"),
                e.getMessage());
        assertNotEquals(0, Files.size(repo.resolve(KeyFile.FILE_NAME)), "a bad identity is never replaced");
    }
}
