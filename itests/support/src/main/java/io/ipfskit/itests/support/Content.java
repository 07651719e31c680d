package io.ipfskit.itests.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test content on disk: seeded random files, a directory tree with every shape a transfer must keep, tree equality. */
public final class Content {

    private static final int CHUNK = 1 << 20;

    private Content() {
    }

    /** Writes {@code size} seeded random bytes to a new file, a chunk at a time. */
    public static Path randomFile(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        return file;
    }

    /**
     * Writes a tree under the new directory {@code root}: nested directories, files of several chunks (above 1 MiB, so
     * also for Helia's chunker), files of one block, a file not on a chunk boundary and an empty file.
     */
    public static Path tree(Path root, long seed) throws IOException {
        Path deeper = Files.createDirectories(root.resolve("sub").resolve("deeper"));
        randomFile(root.resolve("a.bin"), 3 * CHUNK + 17, seed);
        Files.write(root.resolve("empty.txt"), new byte[0]);
        randomFile(root.resolve("sub").resolve("c.bin"), 700_000, seed + 1);
        randomFile(deeper.resolve("d.bin"), CHUNK + CHUNK / 2 + 3, seed + 2);
        Files.writeString(deeper.resolve("note.txt"), "a small file\n");
        return root;
    }

    /** Fails unless both trees hold the same relative paths, the same kinds (file or directory) and the same bytes. */
    public static void assertSameTree(Path expected, Path actual) throws IOException {
        TreeMap<String, Path> want = entries(expected);
        TreeMap<String, Path> got = entries(actual);
        if (!want.keySet().equals(got.keySet())) {
            throw new AssertionError("the trees differ: expected " + want.keySet() + " but found " + got.keySet());
        }
        for (String name : want.keySet()) {
            Path a = want.get(name);
            Path b = got.get(name);
            if (Files.isDirectory(a) != Files.isDirectory(b)) {
                throw new AssertionError(name + " is a directory in one tree and a file in the other");
            }
            if (!Files.isDirectory(a) && Files.mismatch(a, b) != -1) {
                throw new AssertionError(name + " differs from byte " + Files.mismatch(a, b));
            }
        }
    }

    private static TreeMap<String, Path> entries(Path root) throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> entries.put(root.relativize(p).toString(), p));
        }
        return entries;
    }
}
