package io.stepwise.steps.tidb.testing;

import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An action runner for tests that swaps TiDB-only statements for MariaDB ones returning the same
 * column names, and records every statement the step sent (as the step wrote it). What it proves is
 * the step's reading of results, never TiDB's behaviour.
 */
public final class SqlRewrite implements ActionRunner {
    private final ActionRunner delegate;
    private final Map<String, Function<String, String>> rules = new LinkedHashMap<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private ActionRunner secondSessions;

    public SqlRewrite(ActionRunner delegate) {
        this.delegate = delegate;
    }

    /**
     * Sends statements on connections named {@code *.progress} to another runner, so they do not
     * queue behind a blocking statement (the engine's runner serializes all SQL; see the report).
     */
    public SqlRewrite secondSessions(ActionRunner runner) {
        this.secondSessions = runner;
        return this;
    }

    private ActionRunner runnerFor(SqlAction action) {
        return secondSessions != null && action.connection().name().endsWith(".progress") ? secondSessions : delegate;
    }

    /** Statements starting with {@code prefix} are replaced by what {@code rewrite} makes of them. */
    public SqlRewrite rule(String prefix, Function<String, String> rewrite) {
        rules.put(prefix, rewrite);
        return this;
    }

    /** Every statement as the step sent it, before any rewrite, in order. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    private SqlAction rewrite(SqlAction action) {
        String sql = action.statement().sql();
        sent.add(sql);
        for (Map.Entry<String, Function<String, String>> rule : rules.entrySet()) {
            if (sql.startsWith(rule.getKey())) {
                return new SqlAction(action.connection(), new SqlText(rule.getValue().apply(sql),
                        action.statement().parameters()));
            }
        }
        return action;
    }

    @Override
    public SqlResult sql(SqlAction action) {
        SqlAction rewritten = rewrite(action);
        return runnerFor(rewritten).sql(rewritten);
    }

    @Override
    public List<SqlResult> sqlBatch(List<SqlAction> actions) {
        List<SqlAction> rewritten = new ArrayList<>();
        actions.forEach(a -> rewritten.add(rewrite(a)));
        return delegate.sqlBatch(rewritten);
    }

    @Override
    public ExecResult exec(ExecAction action) {
        return delegate.exec(action);
    }

    @Override
    public BackgroundProcess start(ExecAction action, String name) {
        return delegate.start(action, name);
    }

    @Override
    public HttpResult http(HttpAction action) {
        return delegate.http(action);
    }

    @Override
    public void write(FileAction action) {
        delegate.write(action);
    }
}
