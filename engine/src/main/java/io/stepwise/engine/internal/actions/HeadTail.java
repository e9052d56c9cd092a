package io.stepwise.engine.internal.actions;

/**
 * What a result keeps of a stream of any length: its first {@code head} and its last {@code tail}
 * characters, and how many there were, in memory bounded by {@code head + 2 * tail}.
 */
final class HeadTail {
    private final int head;
    private final int tail;
    private final StringBuilder first = new StringBuilder();
    private final StringBuilder last = new StringBuilder();
    private long total;

    HeadTail(int head, int tail) {
        if (head < 0 || tail < 0) {
            throw new IllegalArgumentException("head and tail must not be negative");
        }
        this.head = head;
        this.tail = tail;
    }

    /** Keeps what the head and tail need of {@code text} from {@code offset}, {@code length} characters. */
    synchronized void append(CharSequence text, int offset, int length) {
        total += length;
        int toHead = Math.min(length, head - first.length());
        if (toHead > 0) {
            first.append(text, offset, offset + toHead);
        }
        int rest = length - Math.max(0, toHead);
        if (rest > 0) {
            last.append(text, offset + length - rest, offset + length);
            if (last.length() > 2 * tail) {
                last.delete(0, last.length() - tail);
            }
        }
    }

    /** The characters seen. */
    synchronized long total() {
        return total;
    }

    /** How many characters are in neither the head nor the tail. */
    synchronized long omitted() {
        return Math.max(0, total - head - tail);
    }

    /** Everything when nothing was omitted; else the head, {@code marker}, and the tail. */
    synchronized String text(String marker) {
        if (last.length() > tail) {
            last.delete(0, last.length() - tail);
        }
        return omitted() == 0 ? first + last.toString() : first + marker + last;
    }
}
