package io.stepwise.engine.internal.actions;

import io.stepwise.engine.internal.Masker;
import io.stepwise.engine.spi.Secrets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Masks outward-facing text: the run's masker first, then any extra literals the runner knows to be
 * secret on its own (connection passwords), so a message is safe even if nobody marked them.
 */
final class Masking {
    private final UnaryOperator<String> masker;

    Masking(UnaryOperator<String> masker) {
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    String apply(String text) {
        return text == null ? "" : masker.apply(text);
    }

    /**
     * Where a long text can be split so that each part, masked on its own, shows no more than the
     * whole masked at once: the first position at or before {@code cut} such that no secret (nor a
     * secret's shape, {@code password=...}) within {@code reach} characters crosses it. Found by
     * masking both sides of a candidate apart and together; {@code cut} itself when none within reach
     * is found (a secret longer than reach).
     */
    int safeCut(CharSequence text, int cut, int reach) {
        for (int at = cut; at > Math.max(0, cut - reach); at -= CUT_STEP) {
            int c = Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
            String left = text.subSequence(Math.max(0, c - reach), c).toString();
            String right = text.subSequence(c, Math.min(text.length(), c + reach)).toString();
            if ((apply(left) + apply(right)).equals(apply(left + right))) {
                return c;
            }
        }
        return Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut;
    }

    private static final int CUT_STEP = 8;

    /** Masks the text, then replaces each extra secret (longest first) that is still visible. */
    String apply(String text, Collection<String> extraSecrets) {
        String masked = apply(text);
        List<String> secrets = new ArrayList<>(extraSecrets);
        secrets.removeIf(s -> s == null || s.isEmpty());
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : secrets) {
            masked = masked.replace(secret, Secrets.MASK);
        }
        return masked;
    }

    /**
     * A copy of a throwable chain whose messages are masked and whose stack traces are kept, to chain
     * as the cause of a step failure: a driver message may quote SQL text or a URL holding a secret.
     */
    Throwable scrub(Throwable error, Collection<String> extraSecrets) {
        return Masker.scrub(error, text -> apply(text, extraSecrets));
    }
}
