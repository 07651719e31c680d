package io.ipfskit.benchmarks.bitswap;

import java.util.Arrays;
import java.util.Locale;

/** Repeated transfers of one kind: their rates (MB/s) and the CPU time both ends spent on each. */
final class Runs {

    private final double[] rates;
    private final long[] cpuNanos;
    private int count;

    Runs(int expected) {
        rates = new double[expected];
        cpuNanos = new long[expected];
    }

    void add(double rate, long cpu) {
        rates[count] = rate;
        cpuNanos[count] = cpu;
        count++;
    }

    double median() {
        double[] sorted = Arrays.copyOf(rates, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }

    /** "runs 41.2, 43.0, 39.9 MB/s; CPU 3.4 s a run (both ends)". */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("runs ");
        long cpu = 0;
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", rates[i]));
            cpu += cpuNanos[i];
        }
        return out.append(String.format(Locale.ROOT, " MB/s; CPU %.1f s a run (both ends)", cpu / 1e9 / count)).toString();
    }
}
