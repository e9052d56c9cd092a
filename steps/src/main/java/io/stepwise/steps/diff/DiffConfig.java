package io.stepwise.steps.diff;

import io.stepwise.engine.spi.ConnectionInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The bound parameters of a {@code diff} step. */
public record DiffConfig(ConnectionInfo source, ConnectionInfo target, List<TablePattern> tables,
        List<TablePattern> exclude, int chunkSize, int threads, Optional<String> snapshotSource,
        Optional<String> snapshotTarget, String fixSqlFile, boolean failOnDifference, Algorithm checksum,
        boolean checksumTableFirst, boolean countRows) {

    /** How a row is hashed into the chunk checksum. */
    public enum Algorithm {
        /** sync-diff-inspector's MD5, 64 bits of it a row: the default. */
        MD5,
        /** pt-table-checksum's CRC32, 32 bits a row: about three times cheaper for the servers. */
        CRC32;

        static Algorithm parse(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The snapshot value that asks for a consistent-snapshot transaction instead of a TiDB TSO. */
    public static final String CONSISTENT = "consistent";

    public DiffConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        tables = List.copyOf(tables);
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(snapshotSource, "snapshotSource");
        Objects.requireNonNull(snapshotTarget, "snapshotTarget");
        Objects.requireNonNull(fixSqlFile, "fixSqlFile");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** A TSO, a timestamp or {@code consistent}: the rule of the snapshot parameters' declarations. */
    static boolean isSnapshotValue(String value) {
        return value.equals(CONSISTENT) || value.matches("\\d{6,20}")
                || value.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?");
    }

    /** True when the whole-table first pass may settle tables: asked for, and no snapshot (CHECKSUM TABLE reads the live table). */
    public boolean firstPassApplies() {
        return checksumTableFirst && snapshotSource.isEmpty() && snapshotTarget.isEmpty();
    }

    /** True when every table matching {@code tables} and no {@code exclude} pattern is compared. */
    public boolean selects(String schema, String table) {
        return tables.stream().anyMatch(p -> p.matches(schema, table))
                && exclude.stream().noneMatch(p -> p.matches(schema, table));
    }

    public Path fixSqlPath(Path runDir) {
        Path path = Path.of(fixSqlFile);
        return path.isAbsolute() ? path : runDir.resolve(path);
    }
}
