package io.stepwise.engine.internal.actions;

import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** Placeholder until the real runner lands from the generic-steps branch. */
public final class DefaultActionRunner implements ActionRunner, AutoCloseable {
    public DefaultActionRunner(Path runDir, UnaryOperator<String> masker, BooleanSupplier interrupted) {
    }

    @Override
    public SqlResult sql(SqlAction action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SqlResult> sqlBatch(List<SqlAction> actions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(ExecAction action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BackgroundProcess start(ExecAction action, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HttpResult http(HttpAction action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void write(FileAction action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
