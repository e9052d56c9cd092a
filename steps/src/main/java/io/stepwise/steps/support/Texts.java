package io.stepwise.steps.support;

import io.stepwise.engine.spi.action.ShellQuoting;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Texts for messages: one-line shortening, last lines, durations, argv. */
public final class Texts {
    private Texts() {
    }

    /** The text on one line, cut to {@code max} characters with an ellipsis. */
    public static String shorten(String text, int max) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** The last {@code count} non-blank lines. */
    public static String lastLines(String text, int count) {
        List<String> lines = text == null ? List.of() : text.strip().lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1m30s}, {@code 1h5m}: how a plan writes it. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        StringBuilder text = new StringBuilder();
        if (s >= 3600) {
            text.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            text.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || text.length() == 0) {
            text.append(s % 60).append('s');
        }
        return text.toString();
    }

    /** The argv as a shell would read it. */
    public static String argv(List<String> argv) {
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }

    /** Drops the line breaks a command prints last, as a shell's {@code $(...)} does. */
    public static String chompNewlines(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
