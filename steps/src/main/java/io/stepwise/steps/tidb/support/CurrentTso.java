package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import java.util.List;
import java.util.Map;

/**
 * A cluster's current TSO the way the DR guide reads it: {@code BEGIN; SELECT TIDB_CURRENT_TSO();
 * ROLLBACK} in one session (tidb-tooling.md section 5, "Current TSO").
 */
public final class CurrentTso {
    public static final String BEGIN = "BEGIN";
    public static final String SELECT = "SELECT TIDB_CURRENT_TSO()";
    public static final String ROLLBACK = "ROLLBACK";
    public static final String COLUMN = "TIDB_CURRENT_TSO()";

    private CurrentTso() {
    }

    public static List<SqlAction> actions(ConnectionInfo connection) {
        return List.of(new SqlAction(connection, SqlText.of(BEGIN)), new SqlAction(connection, SqlText.of(SELECT)),
                new SqlAction(connection, SqlText.of(ROLLBACK)));
    }

    public static Tso read(ConnectionInfo connection, StepContext context) {
        List<SqlResult> results = context.actions().sqlBatch(actions(connection));
        SqlResult select = results.get(1);
        Map<String, Object> row = Rows.single(select, SELECT);
        return Tso.parse(COLUMN, Rows.required(select, row, COLUMN, SELECT));
    }
}
