package io.ipfskit.benchmarks.bitswap;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated transfers of one kind: their rates (MB/s), the CPU time both ends spent on each and, for JVMs, how much of
 * it their JIT compiler threads took.
 */
final class Runs {

    private static final double MIB = 1 << 20;

    private final double[] rates;
    private final long[] cpuNanos;
    private final long[] compilerNanos;
    private final long bytes;
    private int count;

    /** Runs of {@code bytes} each. */
    Runs(int expected, long bytes) {
        rates = new double[expected];
        cpuNanos = new long[expected];
        compilerNanos = new long[expected];
        this.bytes = bytes;
    }

    /** A run whose ends' compiler threads are not known apart (e.g. Node's). */
    void add(double rate, long cpu) {
        add(rate, cpu, -1);
    }

    /** A run, {@code compiler} of whose {@code cpu} nanoseconds the JIT compiler threads spent. */
    void add(double rate, long cpu, long compiler) {
        rates[count] = rate;
        cpuNanos[count] = cpu;
        compilerNanos[count] = compiler;
        count++;
    }

    double median() {
        double[] sorted = Arrays.copyOf(rates, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }

    /**
     * "runs 41.2, 43.0, 39.9 MB/s; CPU 3.4 s a run (both ends), 13.3 ms per MiB" and, when known, "(JIT 1.2 s; 8.6 ms
     * per MiB without)".
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("runs ");
        long cpu = 0;
        long compiler = 0;
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", rates[i]));
            cpu += cpuNanos[i];
            compiler = compiler < 0 || compilerNanos[i] < 0 ? -1 : compiler + compilerNanos[i];
        }
        double mib = bytes / MIB * count;
        out.append(String.format(Locale.ROOT, " MB/s; CPU %.1f s a run (both ends), %.1f ms per MiB", cpu / 1e9 / count,
                cpu / 1e6 / mib));
        if (compiler >= 0) {
            out.append(String.format(Locale.ROOT, " (JIT %.1f s; %.1f ms per MiB without)", compiler / 1e9 / count,
                    (cpu - compiler) / 1e6 / mib));
        }
        return out.toString();
    }
}
