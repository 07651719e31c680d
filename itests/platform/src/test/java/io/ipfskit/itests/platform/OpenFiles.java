package io.ipfskit.itests.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This process's open file descriptors ({@code /proc/self/fd}) counted by what they are: {@code socket},
 * {@code anon_inode:[eventpoll]}, {@code pipe}, or the file's path. The flight recorder's own files are left out.
 */
final class OpenFiles {

    private OpenFiles() {
    }

    /** The count of each kind of open descriptor now. */
    static Map<String, Integer> now() {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                String kind = kind(fd);
                if (kind != null) {
                    counts.merge(kind, 1, Integer::sum);
                }
            });
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/self/fd: " + e, e);
        }
        return counts;
    }

    /** The kinds of which there are more now than in the baseline, with both counts; empty when none grew. */
    static Map<String, String> grownSince(Map<String, Integer> baseline, Map<String, Integer> now) {
        Map<String, String> grown = new TreeMap<>();
        now.forEach((kind, count) -> {
            int before = baseline.getOrDefault(kind, 0);
            if (count > before) {
                grown.put(kind, before + " -> " + count);
            }
        });
        return grown;
    }

    private static String kind(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return null;
        }
        if (target.startsWith("socket:")) {
            return "socket";
        }
        if (target.startsWith("pipe:")) {
            return "pipe";
        }
        if (target.endsWith(".jfr") || target.contains("/proc/") && target.endsWith("/fd")) {
            return null;
        }
        return target;
    }
}
