package io.ipfskit.itests.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This process's open file descriptors ({@code /proc/self/fd}) counted by what they are: a socket by its kind
 * ({@code socket tcp listen}, {@code socket tcp}, {@code socket udp}, {@code socket unix}, from {@code /proc/self/net}),
 * {@code anon_inode:[eventpoll]}, {@code pipe}, or the file's path. The flight recorder's own files are left out.
 */
final class OpenFiles {

    private OpenFiles() {
    }

    /** The count of each kind of open descriptor now. */
    static Map<String, Integer> now() {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> sockets = socketKinds();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                String kind = kind(fd, sockets);
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

    /** Socket inodes to their kind, from the kernel's tables for this process's network namespace. */
    private static Map<String, String> socketKinds() {
        Map<String, String> kinds = new HashMap<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "unix")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/self/net", table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (table.equals("unix")) {
                    kinds.put(fields.length > 6 ? fields[6] : "", "socket unix");
                } else if (fields.length > 9) {
                    boolean listening = table.startsWith("tcp") && fields[3].equals("0A");
                    kinds.put(fields[9], "socket " + table.replace("6", "") + (listening ? " listen" : ""));
                }
            }
        }
        return kinds;
    }

    private static String kind(Path fd, Map<String, String> sockets) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return null;
        }
        if (target.startsWith("socket:[")) {
            return sockets.getOrDefault(target.substring(8, target.length() - 1), "socket");
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
