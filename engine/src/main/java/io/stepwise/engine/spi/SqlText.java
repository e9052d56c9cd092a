package io.stepwise.engine.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SQL with its values bound as {@code ?} parameters. Values from {@code ${...}} in a plan's SQL
 * end up in {@link #parameters()}, never in the text, unless the plan asked for a quoted
 * identifier with {@code ${sql.ident(x)}}.
 */
public record SqlText(String sql, List<Object> parameters) {
    public SqlText {
        Objects.requireNonNull(sql, "sql");
        parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    public static SqlText of(String sql, Object... parameters) {
        return new SqlText(sql, java.util.Arrays.asList(parameters));
    }
}
