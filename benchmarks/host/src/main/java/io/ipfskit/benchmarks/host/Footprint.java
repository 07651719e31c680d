package io.ipfskit.benchmarks.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another JVM's memory after a full GC, read with {@code jcmd} and {@code /proc}: heap used and committed, resident set
 * size and threads.
 */
record Footprint(long heapUsedBytes, long heapCommittedBytes, long rssBytes, int threads) {

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Runs a full GC in the process, then reads its heap, RSS and threads. */
    static Footprint of(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
        if (!heap.find()) {
            throw new IllegalStateException("no heap line in jcmd GC.heap_info of " + pid);
        }
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        return new Footprint(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024,
                statusField(status, "VmRSS") * 1024, (int) statusField(status, "Threads"));
    }

    /** Live instances of one class and the bytes they hold. */
    record Holding(long instances, long bytes) {
    }

    /** The live instances of each class and their bytes (jcmd GC.class_histogram, which collects first). */
    static Map<String, Holding> histogram(long pid) throws IOException, InterruptedException {
        Map<String, Holding> holdings = new HashMap<>();
        for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                holdings.put(m.group(3), new Holding(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return holdings;
    }

    private static long statusField(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + name + " in /proc/<pid>/status");
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
