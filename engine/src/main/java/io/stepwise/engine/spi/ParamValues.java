package io.stepwise.engine.spi;

import io.stepwise.engine.api.Position;
import java.util.Optional;

/** The parameters as written, for checks before the run: literal values are known, expressions are not. */
public interface ParamValues {
    boolean has(String name);

    /** The literal value, empty when absent or when it holds an expression. */
    Optional<Object> literal(String name);

    boolean isExpression(String name);

    Position position(String name);
}
