package io.stepwise.steps.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a statement only reads: SELECT (not INTO OUTFILE/DUMPFILE), SHOW, DESCRIBE,
 * EXPLAIN (not EXPLAIN ANALYZE), TABLE, VALUES, and WITH ... SELECT. Anything it cannot be sure
 * of (several statements in one text, MySQL executable comments) counts as a change.
 */
final class ReadOnlySql {
    private static final Set<String> READERS = Set.of("SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "TABLE", "VALUES");
    private static final Set<String> MAIN_VERBS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE");

    private ReadOnlySql() {
    }

    /** A word (upper-cased) or a one-character symbol, with its parenthesis depth. */
    private record Token(String text, int depth) {
        boolean isWord() {
            return Character.isLetter(text.charAt(0)) || text.charAt(0) == '_';
        }
    }

    static boolean isReadOnly(String sql) {
        List<Token> tokens = tokens(sql);
        if (tokens == null) {
            return false;
        }
        List<Token> words = tokens.stream().filter(Token::isWord).toList();
        if (words.isEmpty()) {
            return false;
        }
        String first = words.get(0).text();
        if (first.equals("WITH")) {
            return words.stream().skip(1).filter(w -> w.depth() == words.get(0).depth() && MAIN_VERBS.contains(w.text()))
                    .findFirst().map(w -> w.text().equals("SELECT") && !writesFile(words)).orElse(false);
        }
        if (first.equals("EXPLAIN") || first.equals("DESCRIBE") || first.equals("DESC")) {
            return words.size() < 2 || !words.get(1).text().equals("ANALYZE");
        }
        return READERS.contains(first) && !writesFile(words);
    }

    private static boolean writesFile(List<Token> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).text().equals("INTO")
                    && (words.get(i + 1).text().equals("OUTFILE") || words.get(i + 1).text().equals("DUMPFILE"))) {
                return true;
            }
        }
        return false;
    }

    /** The tokens outside strings and comments; null when the text holds more than one statement. */
    private static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        boolean ended = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '-' && sql.startsWith("--", i)
                    && (i + 2 == sql.length() || Character.isWhitespace(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                    return null;
                }
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (ended) {
                return null;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
                tokens.add(new Token("'", depth));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(sql.substring(start, i).toUpperCase(Locale.ROOT), depth));
            } else {
                if (c == ';' && depth == 0) {
                    ended = true;
                }
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                tokens.add(new Token(String.valueOf(c), depth));
                i++;
            }
        }
        return tokens;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }
}
