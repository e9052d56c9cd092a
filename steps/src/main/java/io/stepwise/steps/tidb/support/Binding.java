package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.DeferredValueException;
import io.stepwise.engine.spi.Params;
import java.util.List;
import java.util.Optional;

/**
 * Reading parameters whose value may only be known at run time (a capture such as a BackupTS):
 * in dry-run they stay text such as {@code <steps.backup.backup_ts>} instead of failing the bind.
 *
 * <p>No TiDB step type uses it any more (they read typed {@code Param} declarations); only
 * {@code sysbench}, migrated by another change, still does. Delete it once that has landed.
 */
@Deprecated(forRemoval = true)
public final class Binding {
    private Binding() {
    }

    /** A TSO or other value passed on as text; empty when absent. */
    public static Optional<String> text(Params params, String name) {
        return params.has(name) ? Optional.of(String.valueOf(params.raw(name))) : Optional.empty();
    }

    /** A flag that may be deferred: empty when absent or known only at run time. */
    public static Optional<Boolean> flag(Params params, String name) {
        if (!params.has(name) || params.raw(name) instanceof Deferred) {
            return Optional.empty();
        }
        try {
            return Optional.of(params.bool(name));
        } catch (DeferredValueException e) {
            return Optional.empty();
        }
    }

    /** A whole number that may be deferred: empty when absent or only known at run time. */
    public static Optional<Long> integer(Params params, String name) {
        if (!params.has(name) || params.raw(name) instanceof Deferred) {
            return Optional.empty();
        }
        return Optional.of(params.integer(name));
    }

    public static List<String> list(Params params, String name) {
        return params.has(name) ? params.stringList(name) : List.of();
    }
}
