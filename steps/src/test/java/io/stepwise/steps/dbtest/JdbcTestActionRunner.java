package io.stepwise.steps.dbtest;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.jdbc.MysqlJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain JDBC action runner for tests, until the engine's default runner is on the class path. */
public final class JdbcTestActionRunner implements ActionRunner {
    private final List<String> sent = new CopyOnWriteArrayList<>();

    public List<String> sent() {
        return sent;
    }

    @Override
    public SqlResult sql(SqlAction action) {
        List<SqlResult> results = sqlBatch(List.of(action));
        return results.get(results.size() - 1);
    }

    @Override
    public List<SqlResult> sqlBatch(List<SqlAction> actions) {
        try (Connection c = MysqlJdbc.open(actions.get(0).connection())) {
            List<SqlResult> results = new ArrayList<>();
            for (SqlAction action : actions) {
                sent.add(action.statement().sql());
                results.add(run(c, action));
            }
            return results;
        } catch (SQLException e) {
            throw new StepFailedException("SQL failed on " + actions.get(0).connection().describe() + ": "
                    + e.getMessage(), null, e);
        }
    }

    private static SqlResult run(Connection c, SqlAction action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(action.statement().sql())) {
            List<Object> params = action.statement().parameters();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            if (!ps.execute()) {
                return new SqlResult(List.of(), List.of(), ps.getUpdateCount());
            }
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.put(columns.get(i - 1), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return new SqlResult(columns, rows, -1);
            }
        }
    }

    @Override
    public ExecResult exec(ExecAction action) {
        throw new UnsupportedOperationException("exec");
    }

    @Override
    public BackgroundProcess start(ExecAction action, String name) {
        throw new UnsupportedOperationException("start");
    }

    @Override
    public HttpResult http(HttpAction action) {
        throw new UnsupportedOperationException("http");
    }

    @Override
    public void write(FileAction action) {
        throw new UnsupportedOperationException("write");
    }
}
