package io.stepwise.steps.workload;

import io.stepwise.engine.spi.ConnectionInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The bound parameters of a {@code workload} step. */
public record WorkloadConfig(Action action, Mode mode, ConnectionInfo connection, String database, int tables,
        long tableSize, int threads, double rate, Optional<Duration> duration, int batchSize, int accounts,
        long initialBalance, Optional<String> ledger, Duration reportInterval, Optional<Long> seed,
        boolean failOnMismatch) {

    /** What the step does. */
    public enum Action {
        PREPARE, RUN, CLEANUP, CHECK;

        static Action parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Which load. */
    public enum Mode {
        OLTP, BANK;

        static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public WorkloadConfig {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(reportInterval, "reportInterval");
        Objects.requireNonNull(seed, "seed");
    }

    /** The total the bank's accounts must always hold. */
    public long expectedTotal() {
        return accounts * initialBalance;
    }

    /** The ledger file: the given path (relative to the run dir) or {@code workload-bank-<database>.ledger}. */
    public Path ledgerPath(Path runDir) {
        Path path = Path.of(ledger.orElse("workload-bank-" + database + ".ledger"));
        return path.isAbsolute() ? path : runDir.resolve(path);
    }
}
