package io.stepwise.engine.internal.expr;

/** Marker for the helper objects a plan expression may call, such as {@code sql.ident(x)}. */
public interface ExpressionHelper {
}
