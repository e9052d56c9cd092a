package io.stepwise.cli;

import java.util.Comparator;
import java.util.List;

/** "Did you mean" for names a person mistyped. */
final class Suggestions {
    private Suggestions() {
    }

    /** {@code did you mean 'sql'? known types: sql, exec, log}: the closest first when it is close. */
    static String hint(String typed, List<String> known, String what) {
        if (known.isEmpty()) {
            return "there are no " + what;
        }
        String closest = known.stream()
                .min(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(k -> k)).orElseThrow();
        if (distance(typed, closest) > Math.max(2, typed.length() / 3)) {
            return what + ": " + String.join(", ", known.stream().sorted().toList());
        }
        List<String> others = known.stream().filter(k -> !k.equals(closest)).sorted().toList();
        return "did you mean '" + closest + "'? " + what + ": "
                + String.join(", ", java.util.stream.Stream.concat(java.util.stream.Stream.of(closest), others.stream()).toList());
    }

    /** Levenshtein distance, ignoring case. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
