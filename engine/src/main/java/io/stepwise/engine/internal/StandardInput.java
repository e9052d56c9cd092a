package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A plan given as {@code -}: read from standard input once per process (validation, the run and its
 * copy in the run directory all see the same text). Its directory is the current one.
 */
final class StandardInput {
    /** How errors name a plan read from standard input. */
    static final String LABEL = "<stdin>";
    private static String text;

    private StandardInput() {
    }

    static boolean is(Path plan) {
        return plan.toString().equals("-");
    }

    static synchronized String read() {
        if (text == null) {
            text = read(System.in);
        }
        return text;
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.USAGE, "cannot read the plan from standard input: " + e.getMessage(),
                    "pipe a plan in (stepwise run - < plan.yaml) or name a file", e);
        }
    }
}
