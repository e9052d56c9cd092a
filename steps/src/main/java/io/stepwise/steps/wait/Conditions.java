package io.stepwise.steps.wait;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.Truth;
import io.stepwise.steps.support.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Truth of an {@code until} value, and the "last value seen" shown while waiting. */
final class Conditions {
    /** {@code left OP right} with one comparison, no boolean operators around it. */
    private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s*(>=|<=|==|!=|=~|!~|>|<)\\s*(.+)$");
    private static final int BRIEF = 80;

    private Conditions() {
    }

    /** The engine's rule, the same as for a step's {@code when} and {@code until}: see {@link Truth#of}. */
    static boolean truth(Object value) {
        return Truth.of(value);
    }

    /**
     * The value to show for a try: the left side of a simple comparison ({@code result.rows[0].n}
     * for {@code result.rows[0].n >= 10}) when it evaluates, else the check's values, briefly.
     */
    static String lastSeen(String until, StepResult result, StepContext context) {
        Matcher m = COMPARISON.matcher(until.strip());
        if (m.matches() && !until.contains("&&") && !until.contains("||") && !m.group(1).contains("'")
                && !m.group(1).contains("\"")) {
            try {
                return context.mask(Json.brief(context.evaluate(m.group(1), result), BRIEF));
            } catch (RuntimeException e) {
                // fall back to the whole result
            }
        }
        return context.mask(Json.brief(result.values(), BRIEF));
    }
}
