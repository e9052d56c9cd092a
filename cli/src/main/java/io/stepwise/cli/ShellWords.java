package io.stepwise.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Joins words into a command line a POSIX shell reads back as the same words. */
final class ShellWords {
    private ShellWords() {
    }

    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
