package io.stepwise.engine.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses plan durations: {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, {@code 1m30s}, or plain seconds. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(Object value) {
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        Matcher m = PART.matcher(text);
        long millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw bad(value);
            }
            double amount = Double.parseDouble(m.group(1));
            millis += Math.round(amount * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw bad(value);
        }
        return Duration.ofMillis(millis);
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        return s / 60 + "m" + String.format(Locale.ROOT, "%02ds", s % 60);
    }

    /** As a plan author writes it: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h30m}. */
    public static String asPlanText(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder text = new StringBuilder();
        if (s >= 3600) {
            text.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            text.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || text.isEmpty()) {
            text.append(s).append('s');
        }
        return text.toString();
    }

    private static IllegalArgumentException bad(Object value) {
        return new IllegalArgumentException("'" + value + "' is not a duration (write 500ms, 3s, 2m or 1h)");
    }
}
