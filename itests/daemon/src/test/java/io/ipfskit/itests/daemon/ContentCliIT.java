package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content verbs of {@code bin/ipfs-kit} against running daemons: add (files and -r trees, kubo's CIDs), cat, get,
 * ls, pin, repo, block stat, storage tiers, and a DAG carried to a second node through dag export and import.
 */
class ContentCliIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String HELLO = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    @TempDir
    Path temp;

    @Test
    void contentRoundTripsThroughTheClientVerbs() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        Path hello = Files.writeString(temp.resolve("hello.txt"), "hello world\n");
        byte[] big = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        Path bigFile = Files.write(temp.resolve("big.bin"), big);
        Path tree = tree(temp.resolve("tree"));
        String root;
        Path car = temp.resolve("tree.car");
        try (Daemon a = start(repoA)) {
            assertEquals("added " + HELLO + " hello.txt", ok(repoA, "add", hello.toString()));
            String bigCid = ok(repoA, "add", "-q", bigFile.toString());
            assertTrue(bigCid.matches("Qm\\w{44}"), bigCid);

            assertEquals("hello world", ok(repoA, "cat", HELLO));
            assertEquals("world", ok(repoA, "cat", "--offset", "6", "--length", "5", HELLO));
            Path catOut = temp.resolve("big.out");
            ok(repoA, "cat", "-o", catOut.toString(), bigCid);
            assertArrayEquals(big, Files.readAllBytes(catOut), "cat gives the added bytes back");

            List<String> added = ok(repoA, "add", "-r", "--cid-version", "1", tree.toString()).lines().toList();
            assertEquals(7, added.size(), "a line per file and directory (hidden files skipped): " + added);
            assertTrue(added.get(added.size() - 1).matches("added b\\w+ tree"), added.toString());
            root = added.get(added.size() - 1).split(" ")[1];

            Path fetched = temp.resolve("fetched");
            assertEquals("Saving file(s) to " + fetched, ok(repoA, "get", "-o", fetched.toString(), root));
            assertEquals(contents(tree), contents(fetched), "get gives the tree back");
            Path fetchedFile = temp.resolve("fetched.bin");
            ok(repoA, "get", "-o", fetchedFile.toString(), bigCid);
            assertArrayEquals(big, Files.readAllBytes(fetchedFile));
            failsWithOneLine(repoA, "already exists", "get", "-o", fetched.toString(), root);

            List<String> listing = ok(repoA, "ls", root).lines().toList();
            assertEquals(3, listing.size(), listing.toString());
            assertTrue(listing.get(0).matches("\\w+ 11 +a\\.txt"), listing.toString());
            assertTrue(listing.get(1).matches("\\w+ - +empty/"), listing.toString());
            assertTrue(listing.get(2).matches("\\w+ - +sub/"), listing.toString());

            String pins = ok(repoA, "pin", "ls");
            for (String cid : List.of(HELLO, bigCid, root)) {
                assertTrue(pins.lines().anyMatch((cid + " recursive")::equals), cid + " is pinned: " + pins);
            }
            assertEquals(HELLO + " recursive", ok(repoA, "pin", "ls", HELLO));

            String stat = ok(repoA, "repo", "stat");
            assertTrue(stat.lines().anyMatch(l -> l.matches("NumObjects: +[1-9]\\d*")), stat);
            assertTrue(stat.lines().anyMatch(l -> l.matches("RepoSize: +[1-9]\\d*")), stat);
            assertTrue(ok(repoA, "repo", "verify").endsWith("verify complete, all blocks validated."));
            assertTrue(ok(repoA, "block", "stat", HELLO).startsWith("Key: " + HELLO + "\nSize: "));
            assertTrue(ok(repoA, "storage", "tiers").contains("memory"));

            ok(repoA, "dag", "export", "-o", car.toString(), root);
            assertTrue(Files.size(car) > 300_000, "the CAR holds the tree's blocks");

            String node = okWithInput(repoA, "{\"tree\":{\"/\":\"" + root + "\"},\"name\":\"kit\",\"n\":[1,2.5]}",
                    "dag", "put");
            assertTrue(node.startsWith("bafyrei"), "a dag-cbor CIDv1: " + node);
            assertEquals("{\"n\":[1,2.5],\"name\":\"kit\",\"tree\":{\"/\":\"" + root + "\"}}", ok(repoA, "dag", "get", node));
            assertEquals("\"a.txt\"", ok(repoA, "dag", "get", node + "/tree/Links/0/Name"), "the path crosses the link");
            String json = okWithInput(repoA, ok(repoA, "dag", "get", node), "dag", "put", "--store-codec", "dag-json");
            assertTrue(json.startsWith("baguqeera"), "a dag-json CIDv1: " + json);

            Cli refused = run(repoA, "block", "rm", HELLO);
            assertEquals(1, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("cannot remove " + HELLO + ": pinned: recursive"), refused.output());
            assertEquals("unpinned " + HELLO, ok(repoA, "pin", "rm", HELLO));
            assertEquals("removed " + HELLO, ok(repoA, "block", "rm", HELLO));
            assertTrue(ok(repoA, "repo", "gc").lines().allMatch(l -> l.startsWith("removed ")));
            failsWithOneLine(repoA, "block not found", "cat", "--offline", HELLO);
            assertEquals("pinned " + bigCid + " recursively", ok(repoA, "pin", "add", bigCid));
        }
        try (Daemon b = start(repoB)) {
            assertEquals("Pinned root\t" + root + "\tsuccess", ok(repoB, "dag", "import", car.toString()));
            Path copied = temp.resolve("copied");
            ok(repoB, "get", "-o", copied.toString(), root);
            assertEquals(contents(tree), contents(copied), "the tree arrived whole on the second node");
            assertEquals("nested", ok(repoB, "cat", root + "/sub/deeper/c.txt"));
        }
    }

    @Test
    void badInputExitsOneWithOneLine() throws Exception {
        Path repo = temp.resolve("repo");
        try (Daemon daemon = start(repo)) {
            failsWithOneLine(repo, "block not found", "cat", "--offline", "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
            failsWithOneLine(repo, "", "--timeout", "1s", "cat", "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
            failsWithOneLine(repo, "invalid CID", "cat", "not-a-cid");
            failsWithOneLine(repo, "", "get", "--offline", "-o", temp.resolve("x").toString(),
                    "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
            assertFalse(Files.exists(temp.resolve("x")), "a failed get leaves nothing behind");
            failsWithOneLine(repo, "no such file", "add", temp.resolve("missing").toString());
            failsWithOneLine(repo, "-r", "add", Files.createDirectory(temp.resolve("dir")).toString());
            failsWithOneLine(repo, "invalid CID", "pin", "add", "not-a-cid");
            failsWithOneLine(repo, "not pinned", "pin", "ls", HELLO);
            failsWithOneLine(repo, "no such file", "dag", "import", temp.resolve("missing.car").toString());
            failsWithOneLine(repo, "not a valid dag-json", "dag", "put",
                    Files.writeString(temp.resolve("bad.json"), "{\"a\":").toString());
            failsWithOneLine(repo, "no link named", "dag", "get", okWithInput(repo, "{\"a\":1}", "dag", "put") + "/b");
        }
        failsWithOneLine(repo, "cannot reach the node's API", "ls", HELLO);
        failsWithOneLine(temp.resolve("no-daemon"), "no node is running", "ls", HELLO);
    }

    private static Daemon start(Path repo) throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                "/ip4/127.0.0.1/tcp/0");
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    /** Runs a verb on the repo, expecting success, and returns its output. */
    private static String ok(Path repo, String... verb) throws Exception {
        Cli cli = run(repo, verb);
        assertEquals(0, cli.exitCode(), String.join(" ", verb) + ": " + cli.output());
        return cli.output().strip();
    }

    /** Runs a verb with the text on its standard input, expecting success, and returns its output. */
    private static String okWithInput(Path repo, String input, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        Cli cli = Cli.withInput(input.getBytes(java.nio.charset.StandardCharsets.UTF_8), LIMIT,
                arguments.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), String.join(" ", verb) + ": " + cli.output());
        return cli.output().strip();
    }

    private static void failsWithOneLine(Path repo, String text, String... verb) throws Exception {
        Cli cli = run(repo, verb);
        String output = cli.output().strip();
        assertEquals(1, cli.exitCode(), String.join(" ", verb) + ": " + output);
        assertEquals(1, output.lines().count(), "one line: " + output);
        assertTrue(output.startsWith("Error: ") && output.contains(text), output);
    }

    private static Cli run(Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        return Cli.run(LIMIT, arguments.toArray(String[]::new));
    }

    /** A tree with nested files, an empty directory and a hidden file that add skips. */
    private static Path tree(Path root) throws IOException {
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("a.txt"), "first file\n");
        byte[] data = new byte[300_001];
        new Random(3).nextBytes(data);
        Files.write(root.resolve("sub/b.bin"), data);
        Files.writeString(root.resolve("sub/deeper/c.txt"), "nested");
        Files.writeString(root.resolve(".hidden"), "not added");
        return root;
    }

    /** Relative path to content (files) or "dir" (directories), hidden entries left out. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString();
                if (relative.startsWith(".")) {
                    continue;
                }
                contents.put(relative, Files.isDirectory(path) ? "dir"
                        : java.util.HexFormat.of().formatHex(Files.readAllBytes(path)));
            }
        }
        return contents;
    }
}
