package io.stepwise.steps.sql;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import java.util.List;
import java.util.Objects;

/**
 * A bound {@code sql} step: the connection and the statements to run in order in one session.
 *
 * @param query true when written as {@code query} (one statement), false for {@code statements}
 * @param declaredIdempotent the plan says running it twice is harmless
 */
public record SqlConfig(ConnectionInfo connection, List<SqlText> statements, boolean query, boolean declaredIdempotent) {
    public SqlConfig {
        Objects.requireNonNull(connection, "connection");
        statements = List.copyOf(statements);
    }

    /** True when every statement only reads. */
    public boolean readOnly() {
        return statements.stream().allMatch(s -> ReadOnlySql.isReadOnly(s.sql()));
    }
}
