package io.ipfskit.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Seeded sample directory trees and a snapshot of a tree (on any file system) for comparing two of them. */
public final class Trees {

    private Trees() {
    }

    /** Seeded random bytes. */
    public static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes a small tree below {@code dir}: empty, tiny and multi-chunk files, nested and empty directories, a hidden file. */
    public static Path sample(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.createDirectories(dir.resolve("empty"));
        Files.write(dir.resolve("a.txt"), new byte[0]);
        Files.write(dir.resolve("b.bin"), new byte[] {42});
        Files.write(dir.resolve("sub/c.bin"), random(1, 262145));
        Files.write(dir.resolve("sub/deeper/d.bin"), random(2, 1000));
        Files.write(dir.resolve("sub/deeper/e.txt"), "hello world\n".getBytes());
        Files.write(dir.resolve(".hidden"), new byte[] {1, 2, 3});
        return dir;
    }

    /**
     * Every entry below {@code root} (hidden ones skipped) by relative path: {@code dir} for a directory, else the
     * file's size and SHA-256 as read through the file system.
     */
    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String relative = root.relativize(path).toString();
                if (!path.equals(root) && !path.getFileName().toString().startsWith(".")) {
                    out.put(relative, Files.isDirectory(path) ? "dir" : Files.size(path) + " " + sha256(path));
                }
            }
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
