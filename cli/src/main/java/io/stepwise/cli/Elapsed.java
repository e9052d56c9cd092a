package io.stepwise.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them. */
final class Elapsed {
    private Elapsed() {
    }

    /** {@code 850ms}, {@code 12.3s}, {@code 2m05s}, {@code 1h02m}. */
    static String format(Duration duration) {
        long ms = Math.max(0, duration.toMillis());
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** A running clock: {@code 00:12}, {@code 12:05}, {@code 1:02:03}. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }
}
