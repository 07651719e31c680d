package io.ipfskit.launcher;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr, redrawn in place at most ten times a second and cleared at the end; it draws
 * nothing unless the process runs on a terminal.
 */
final class ProgressBar {

    /** Inputs above this many bytes get a progress bar. */
    static final long THRESHOLD = 1024 * 1024;

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long total;
    private long lastDraw;
    private int drawnLength;

    private ProgressBar(PrintStream err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    /** Whether the process runs on a terminal (stdin and stdout), where progress may be drawn. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /** A bar for {@code total} bytes (or -1 if unknown), drawn only on a terminal. */
    static ProgressBar of(long total) {
        return new ProgressBar(System.err, onTerminal(), total);
    }

    /** A bar that never draws. */
    static ProgressBar none() {
        return new ProgressBar(System.err, false, -1);
    }

    boolean enabled() {
        return enabled;
    }

    /** Sets the total when it becomes known. */
    void total(long total) {
        this.total = total;
    }

    /** Shows {@code done} bytes (with {@code label} in front, may be empty), throttled unless forced. */
    void update(long done, String label, boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && drawnLength > 0 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line;
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * WIDTH);
            line = String.format(Locale.ROOT, "%s%s / %s [%s%s] %6.2f%%", label, human(done), human(total),
                    "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100);
        } else {
            line = label + human(done);
        }
        String pad = line.length() < drawnLength ? " ".repeat(drawnLength - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        drawnLength = line.length();
    }

    /** Removes the bar from the line so that normal output can follow. */
    void clear() {
        if (enabled && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }

    /** Bytes as kubo's humanize prints them: B, KiB, MiB, GiB, TiB. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}
