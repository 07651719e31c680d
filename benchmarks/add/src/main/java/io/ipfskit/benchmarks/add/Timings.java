package io.ipfskit.benchmarks.add;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Repeated runs of one kind over the same number of bytes: wall and CPU seconds of each, summarised by the median. */
final class Timings {

    private record Run(double seconds, double cpuSeconds) {
    }

    private final long bytes;
    private final List<Run> runs = new ArrayList<>();

    Timings(long bytes) {
        this.bytes = bytes;
    }

    void add(double seconds, double cpuSeconds) {
        runs.add(new Run(seconds, cpuSeconds));
    }

    /** The run of median wall time. */
    private Run median() {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::seconds));
        return sorted.get(sorted.size() / 2);
    }

    /** MB/s of the median run. */
    double rate() {
        return bytes / median().seconds() / 1e6;
    }

    /** "412.3 MB/s". */
    String figure() {
        return String.format(Locale.ROOT, "%.1f MB/s", rate());
    }

    /** "wall 0.62 s, CPU 0.70 s (median); runs 0.62/0.65/0.60 s". */
    String detail() {
        Run median = median();
        return String.format(Locale.ROOT, "wall %.2f s, CPU %.2f s (median); runs %s s", median.seconds(),
                median.cpuSeconds(), runs.stream().map(run -> String.format(Locale.ROOT, "%.2f", run.seconds()))
                        .collect(Collectors.joining("/")));
    }
}
