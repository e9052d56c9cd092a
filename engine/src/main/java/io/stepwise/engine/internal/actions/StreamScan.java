package io.stepwise.engine.internal.actions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first match of a regex in a stream of any length, holding at most {@link #WINDOW} plus
 * {@link #OVERLAP} characters: the stream is searched window by window, each new window starting
 * with the last {@code OVERLAP} characters of the one before, so a match up to {@code OVERLAP}
 * characters long is found wherever it falls. {@code ^} and {@code $} keep their meaning at a
 * window's edges (one character before the window is kept to tell whether a line starts there).
 */
final class StreamScan {
    static final int WINDOW = 1 << 20;
    static final int OVERLAP = 1 << 16;

    private final Pattern pattern;
    private final boolean atLineStarts;
    private StringBuilder window = new StringBuilder();
    /** 1 once the window begins with the character before it (the stream's start has gone by). */
    private int from;
    private String found;
    private boolean done;

    StreamScan(Pattern pattern) {
        this.pattern = pattern;
        this.atLineStarts = matchesOnlyAtLineStarts(pattern);
    }

    /**
     * True when every match starts at a line's start: multiline, the pattern begins with {@code ^} (not
     * quantified) and has no {@code |} (an alternative need not start with it). Such a pattern is tried
     * only where a line starts, found with {@code indexOf}, instead of at every character, where each
     * try would fail at the {@code ^}.
     */
    static boolean matchesOnlyAtLineStarts(Pattern pattern) {
        String source = pattern.pattern();
        return (pattern.flags() & Pattern.MULTILINE) != 0 && (pattern.flags() & Pattern.LITERAL) == 0
                && source.startsWith("^") && source.indexOf('|') < 0
                && (source.length() == 1 || "?*+{".indexOf(source.charAt(1)) < 0);
    }

    /**
     * The places where a line may start in a window, from {@code from} on: there, and just after each
     * line terminator Java's {@code ^} knows ({@code \n}, {@code \r}, U+0085, U+2028, U+2029). A superset:
     * the pattern's own {@code ^} decides (say, between {@code \r} and {@code \n}).
     */
    private static final class LineStarts {
        private static final String[] TERMINATORS = {"\n", "\r", "\u0085", "\u2028", "\u2029"};
        private final StringBuilder text;
        /** The next position of each terminator at or after the last start given, -1 when there is none, -2 not yet looked for. */
        private final int[] nextTerminator = {-2, -2, -2, -2, -2};
        private int next;

        LineStarts(StringBuilder text, int from) {
            this.text = text;
            this.next = from;
        }

        boolean hasNext() {
            return next >= 0 && next <= text.length();
        }

        int next() {
            int start = next;
            int nearest = -1;
            for (int k = 0; k < nextTerminator.length; k++) {
                if (nextTerminator[k] == -2 || nextTerminator[k] >= 0 && nextTerminator[k] < start) {
                    nextTerminator[k] = text.indexOf(TERMINATORS[k], start);
                }
                if (nextTerminator[k] >= 0 && (nearest < 0 || nextTerminator[k] < nearest)) {
                    nearest = nextTerminator[k];
                }
            }
            next = nearest < 0 ? -1 : nearest + 1;
            return start;
        }
    }

    synchronized void append(CharSequence text, int offset, int length) {
        if (done) {
            return;
        }
        window.append(text, offset, offset + length);
        if (window.length() >= WINDOW + OVERLAP) {
            search(false);
        }
    }

    /** The stream ended: searches what is left. */
    synchronized void finish() {
        if (!done) {
            search(true);
        }
    }

    /** Group 1 of the first match ("" when the group took no part), once the stream ended or a match is certain. */
    synchronized Optional<String> found() {
        return Optional.ofNullable(found);
    }

    private void search(boolean end) {
        Matcher m = pattern.matcher(window).useAnchoringBounds(false).useTransparentBounds(true);
        boolean matched;
        boolean hitEnd;
        if (atLineStarts) {
            hitEnd = false;
            matched = false;
            for (LineStarts starts = new LineStarts(window, from); !matched && starts.hasNext(); ) {
                m.region(starts.next(), window.length());
                matched = m.lookingAt();
                hitEnd |= m.hitEnd();
            }
        } else {
            m.region(from, window.length());
            matched = m.find();
            hitEnd = m.hitEnd();
        }
        if (matched && (end || !hitEnd)) {
            String group = m.groupCount() >= 1 ? m.group(1) : m.group();
            found = group == null ? "" : group;
        }
        if (found != null || end) {
            done = true;
            window = null;
            return;
        }
        int keep = window.length() - OVERLAP;
        if (matched) {
            keep = Math.min(keep, m.start());
        }
        keep = Math.max(keep, window.length() - WINDOW);
        window.delete(0, keep - 1);
        from = 1;
    }
}
