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
    private StringBuilder window = new StringBuilder();
    /** 1 once the window begins with the character before it (the stream's start has gone by). */
    private int from;
    private String found;
    private boolean done;

    StreamScan(Pattern pattern) {
        this.pattern = pattern;
    }

    synchronized void append(char[] buffer, int offset, int length) {
        if (done) {
            return;
        }
        window.append(buffer, offset, length);
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
        m.region(from, window.length());
        boolean matched = m.find();
        if (matched && (end || !m.hitEnd())) {
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
