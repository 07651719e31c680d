package io.ipfskit.kit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.kit.testing.Trees;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitCommandsTest {

    private final MemoryRepo repo = new MemoryRepo();
    private final KitCommands commands = new KitCommands(new KitService(repo, repo));

    @TempDir
    Path temp;

    @Test
    void addLsCatAndPin() throws IOException {
        Path tree = Trees.sample(temp.resolve("tree"));
        String added = commands.add(tree.toString());
        String root = added.split(" ")[1];
        assertEquals("added " + root + " tree", added);
        String listing = commands.ls(root);
        assertEquals(4, listing.lines().count());
        String sub = listing.lines().filter(line -> line.endsWith(" sub/")).findFirst().orElseThrow().split(" ")[0];
        String file = commands.ls(sub).lines().filter(line -> line.endsWith(" c.bin")).findFirst().orElseThrow().split(" ")[0];
        Path out = temp.resolve("c.out");
        assertEquals("wrote 262145 bytes to " + out, commands.cat(file, out.toString()));
        assertEquals(-1, Files.mismatch(out, tree.resolve("sub/c.bin")));
        assertEquals("unpinned " + root, commands.pin("rm", root));
        assertEquals(root + " was not pinned", commands.pin("rm", root));
        assertEquals("pinned " + root + " recursively", commands.pin("add", root));
        assertThrows(IllegalArgumentException.class, () -> commands.pin("ls", root));
    }
}
