package io.stepwise.engine.internal.actions;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Performs actions for real. One runner serves one run: it keeps a JDBC session per connection name
 * until {@link #close()}, writes process logs under {@code runDir/logs}, passes every message it
 * makes through the masker, and stops what it is doing once {@code interrupted} says so.
 * Background processes it starts are not stopped by {@code close()}: the run owns them.
 */
public final class DefaultActionRunner implements ActionRunner, AutoCloseable {
    private final Path runDir;
    private final Masking masking;
    private final Watchdog watchdog;
    private final SqlRunner sql;
    private final ProcessRunner processes;
    private final HttpRunner http;

    public DefaultActionRunner(Path runDir, UnaryOperator<String> masker, BooleanSupplier interrupted) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.masking = new Masking(masker);
        this.watchdog = new Watchdog(Objects.requireNonNull(interrupted, "interrupted"));
        this.sql = new SqlRunner(masking, watchdog);
        this.processes = new ProcessRunner(runDir, masking, watchdog);
        this.http = new HttpRunner(masking, watchdog);
    }

    @Override
    public SqlResult sql(SqlAction action) {
        return sql.run(List.of(action)).get(0);
    }

    @Override
    public List<SqlResult> sqlBatch(List<SqlAction> actions) {
        return sql.run(List.copyOf(actions));
    }

    @Override
    public ExecResult exec(ExecAction action) {
        return processes.exec(action);
    }

    @Override
    public BackgroundProcess start(ExecAction action, String name) {
        return processes.start(action, name);
    }

    @Override
    public HttpResult http(HttpAction action) {
        return http.http(action);
    }

    /** Writes the file atomically: a temporary file beside it, then a move over the old one. */
    @Override
    public void write(FileAction action) {
        Path target = action.path().isAbsolute() ? action.path() : runDir.resolve(action.path());
        Path temp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(temp, action.content(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StepFailedException("cannot write " + masking.apply(target.toString()) + ": "
                    + masking.apply(e.toString()), "check that the directory is writable and the disk has room");
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the failure being reported matters more
            }
        }
    }

    /** Closes the JDBC sessions and the watchdog thread. */
    @Override
    public void close() {
        try {
            sql.close();
        } finally {
            watchdog.close();
        }
    }
}
