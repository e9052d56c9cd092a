package io.stepwise.engine.internal.expr;

/** A plan expression that does not parse, is not allowed, or fails to evaluate. */
public final class ExpressionException extends RuntimeException {
    private final String expression;

    public ExpressionException(String expression, String message, Throwable cause) {
        super(message, cause);
        this.expression = expression;
    }

    public String expression() {
        return expression;
    }
}
