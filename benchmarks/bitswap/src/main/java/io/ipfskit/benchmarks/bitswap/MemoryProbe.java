package io.ipfskit.benchmarks.bitswap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's memory over a window: its resident set sampled from {@code /proc/<pid>/status} every 50 ms, and its live heap
 * at a moment chosen by the caller (a full collection asked for with {@code jcmd <pid> GC.run}, whose result the JVM's
 * {@code -Xlog:gc:file=...} log tells).
 */
final class MemoryProbe implements AutoCloseable {

    private static final Pattern FULL_GC = Pattern.compile("Pause Full \\(Diagnostic Command\\) \\d+M->(\\d+)M\\(");

    private final long pid;
    private final Path status;
    private final Path gcLog;
    private final int gcLinesBefore;
    private final long rssBefore;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakRss;

    MemoryProbe(long pid, Path gcLog) throws IOException {
        this.pid = pid;
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.gcLog = gcLog;
        this.gcLinesBefore = Files.readAllLines(gcLog).size();
        this.rssBefore = rss();
        this.peakRss = rssBefore;
        this.sampler = new Thread(this::sample, "memory-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            try {
                peakRss = Math.max(peakRss, rss());
                Thread.sleep(50);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    /** Resident set size in bytes. */
    private long rss() throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in " + status);
    }

    /** Has the JVM collect everything now; {@link #stop()} reports the heap left (the live set at this moment). */
    void collect() throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd GC.run failed: " + output);
        }
    }

    /** Stops sampling and returns what the window saw. */
    Figures stop() throws Exception {
        running = false;
        sampler.join();
        List<String> lines = Files.readAllLines(gcLog);
        long liveHeap = -1;
        for (String line : lines.subList(gcLinesBefore, lines.size())) {
            Matcher matcher = FULL_GC.matcher(line);
            if (matcher.find()) {
                liveHeap = Long.parseLong(matcher.group(1)) << 20;
            }
        }
        return new Figures(rssBefore, peakRss, liveHeap);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }

    /** Resident set before and at its peak, the live heap when {@link #collect()} ran (-1: it did not). */
    record Figures(long rssBefore, long peakRss, long liveHeap) {
    }
}
