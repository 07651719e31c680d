package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory tree added to the daemon reads back through the ipfs:// FileSystem inside the node, also after a restart. */
class FileSystemIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void treeReadsBackThroughTheFileSystem() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree/sub/deeper"));
        Random random = new Random(3);
        write(temp.resolve("tree/a.txt"), "hello world\n".getBytes());
        write(temp.resolve("tree/sub/big.bin"), bytes(random, 700_000));
        write(temp.resolve("tree/sub/deeper/empty"), new byte[0]);
        write(temp.resolve("tree/sub/deeper/c.bin"), bytes(random, 262_145));
        Path root = temp.resolve("tree");
        List<String> expected = describe(root);
        Path repo = temp.resolve("repo");
        String cid;
        try (Daemon daemon = start(repo)) {
            Cli added = shell(repo, "ipfs:add " + root);
            assertTrue(added.output().startsWith("added "), added.output());
            cid = added.output().split(" ")[1];
            assertEquals(expected, walk(repo, cid));
        }
        try (Daemon again = start(repo)) {
            assertEquals(expected, walk(repo, cid), "the tree is still there after a restart");
        }
        assertTrue(Files.isDirectory(tree));
    }

    private static Daemon start(Path repo) throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private static Cli shell(Path repo, String command) throws Exception {
        Cli cli = Cli.run(LIMIT, "shell", "--repo", repo.toString(), "-c", command);
        assertEquals(0, cli.exitCode(), command + ": " + cli.output());
        return cli;
    }

    private static List<String> walk(Path repo, String cid) throws Exception {
        return shell(repo, "ipfs:walk " + cid).output().lines().filter(l -> !l.isBlank()).toList();
    }

    /** What ipfs:walk prints for the local tree: SHA-256, size and the path from the tree's root, sorted. */
    private static List<String> describe(Path root) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(file)) {
                    byte[] data = Files.readAllBytes(file);
                    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
                    lines.add(hash + " " + data.length + " /" + root.relativize(file));
                }
            }
        }
        return lines;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    private static void write(Path file, byte[] data) throws Exception {
        Files.write(file, data);
    }
}
