package io.stepwise.engine.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CommonMark (with GitHub's tables) built so a renderer shows exactly the text given: prose with
 * its markup characters escaped, values in code spans and fenced blocks whose fence is longer than
 * any backtick run inside, table cells with {@code |} escaped and line breaks kept as {@code <br>}.
 */
final class Markdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** Characters that start inline markup anywhere in a line. */
    private static final String INLINE = "\\`*_[]<>|~&!";
    /** A line start that would open a heading, list, quote, thematic break or setext underline. */
    private static final Pattern BLOCK_START = Pattern.compile("^(\\s*)([#>+=-]|\\d{1,9}[.)](?=\\s|$))");

    private Markdown() {
    }

    /** Prose: every character a reader should see literally; line breaks kept as hard breaks. */
    static String text(String prose) {
        String[] lines = prose.strip().split("\\R", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                if (out.length() > 0 && out.charAt(out.length() - 1) == '\\') {
                    out.setLength(out.length() - 1);
                }
                out.append('\n');
                continue;
            }
            out.append(escapeLine(line));
            if (i < lines.length - 1 && !lines[i + 1].isBlank()) {
                out.append('\\');
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** One line of prose, no line breaks allowed (headings, list items). */
    static String inline(String prose) {
        return escapeLine(prose.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    private static String escapeLine(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (INLINE.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        Matcher start = BLOCK_START.matcher(out);
        if (start.find()) {
            int at = start.end(2) - 1;
            out.insert(at, '\\');
        }
        return out.toString();
    }

    /** A code span showing {@code value} on one line (a renderer turns line breaks in spans into spaces). */
    static String code(String value) {
        String oneLine = value.replaceAll("\\R", " ");
        if (oneLine.isEmpty()) {
            return "";
        }
        String fence = "`".repeat(longestRun(oneLine) + 1);
        boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`")
                || (oneLine.startsWith(" ") && oneLine.endsWith(" ") && !oneLine.isBlank());
        String space = pad ? " " : "";
        return fence + space + oneLine + space + fence;
    }

    /** A table cell showing {@code value} in code, line breaks as {@code <br>}, pipes escaped. */
    static String codeCell(String value) {
        String[] lines = value.split("\\R", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append("<br>");
            }
            if (!lines[i].isEmpty()) {
                out.append(code(lines[i]).replace("|", "\\|"));
            }
        }
        return out.toString();
    }

    /** A table cell showing {@code prose} as text. */
    static String textCell(String prose) {
        return String.join("<br>", java.util.Arrays.stream(prose.split("\\R", -1)).map(Markdown::escapeLine).toList());
    }

    /** A fenced block: the fence is longer than any backtick run in the body, so nothing inside closes it. */
    static String block(String language, String body) {
        String fence = "`".repeat(Math.max(3, longestRun(body) + 1));
        String info = language.replaceAll("[^A-Za-z0-9_+-]", "");
        return fence + info + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    private static int longestRun(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }
}
