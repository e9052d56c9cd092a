package io.stepwise.cli;

/** Symbols and colours for people: Unicode or ASCII symbols, ANSI colours only on a colour terminal. */
final class Style {
    private static final String RESET = "\u001b[0m";

    private final boolean colors;
    private final boolean unicode;

    Style(boolean colors, boolean unicode) {
        this.colors = colors;
        this.unicode = unicode;
    }

    static Style of(TerminalInfo terminal) {
        return new Style(terminal.colors(), terminal.unicode());
    }

    String ok() {
        return paint("32", unicode ? "✔" : "+");
    }

    String failed() {
        return paint("31", unicode ? "✖" : "x");
    }

    String skipped() {
        return paint("33", unicode ? "↷" : "-");
    }

    String retry() {
        return paint("33", unicode ? "↻" : "~");
    }

    String undo() {
        return paint("36", unicode ? "⟲" : "<");
    }

    String question() {
        return paint("36", "?");
    }

    String warning(String text) {
        return paint("33", text);
    }

    String error(String text) {
        return paint("31", text);
    }

    String bold(String text) {
        return paint("1", text);
    }

    String dim(String text) {
        return paint("2", text);
    }

    String ellipsis() {
        return unicode ? "…" : "...";
    }

    /** Cuts a text to a number of characters, marking the cut. */
    String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String mark = ellipsis();
        return text.substring(0, Math.max(0, max - mark.length())) + mark;
    }

    private String paint(String code, String text) {
        return colors ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
