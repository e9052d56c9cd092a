package io.stepwise.engine.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a distance that still looks like a typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        return rank(word, candidates).stream().findFirst()
                .filter(c -> distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))
                        <= Math.max(2, word.length() / 3) || c.startsWith(word) || word.startsWith(c));
    }

    /** All candidates, closest first. */
    public static List<String> rank(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> distance(lower, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
