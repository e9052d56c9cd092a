package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.Rows;
import io.stepwise.steps.tidb.support.Uris;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What create checks before TiCDC is asked (tidb-tooling.md 9, items 9 and the DBA's list): the
 * upstream's tables TiCDC cannot replicate, which {@code cdc cli --no-confirm} would silently leave
 * out, and redo storage on the primary's own host, which would be lost with the primary.
 */
final class CreateGuards {
    static final String SYSTEM_SCHEMAS = "'mysql', 'information_schema', 'performance_schema', 'metrics_schema',"
            + " 'sys', 'inspection_schema', 'tidb_cdc', 'lightning_task_info'";
    /** Tables with neither a primary key nor a unique key whose columns are all NOT NULL. */
    static final String INELIGIBLE = "SELECT t.TABLE_SCHEMA, t.TABLE_NAME FROM information_schema.TABLES t"
            + "\nWHERE t.TABLE_TYPE = 'BASE TABLE' AND LOWER(t.TABLE_SCHEMA) NOT IN (" + SYSTEM_SCHEMAS + ")"
            + "\n  AND NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS s"
            + "\n    WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.NON_UNIQUE = 0"
            + "\n    GROUP BY s.INDEX_NAME HAVING SUM(CASE WHEN s.NULLABLE = 'YES' THEN 1 ELSE 0 END) = 0)"
            + "\nORDER BY t.TABLE_SCHEMA, t.TABLE_NAME";

    private CreateGuards() {
    }

    static SqlAction ineligibleQuery(ConnectionInfo upstream) {
        return new SqlAction(upstream, SqlText.of(INELIGIBLE));
    }

    /**
     * The upstream's ineligible tables as {@code db.table}; refuses unless the plan says
     * {@code ignore_ineligible_table: true} (or force_replicate), and then says which are left out.
     */
    static List<String> checkIneligible(ChangefeedConfig config, StepContext context) {
        if (config.upstream().isEmpty()) {
            return List.of();
        }
        SqlResult result = context.actions().sql(ineligibleQuery(config.upstream().get()));
        List<String> tables = result.rows().stream().map(r -> Rows.column(r, "TABLE_SCHEMA").orElse("?") + "."
                + Rows.column(r, "TABLE_NAME").orElse("?")).toList();
        if (tables.isEmpty()) {
            return tables;
        }
        if (!config.spec().ignoresIneligible()) {
            throw new StepFailedException("the upstream holds " + tables.size() + " table(s) without a primary key"
                    + " or a not-null unique key, which TiCDC does not replicate: " + String.join(", ", tables)
                    + (config.via() == ChangefeedConfig.Via.CLI ? " (cdc cli --no-confirm would leave them out"
                    + " silently)" : ""), "add a primary key to each, or set replica_config"
                    + " {ignore_ineligible_table: true} to replicate without them");
        }
        context.say("not replicated (no primary or not-null unique key; ignore_ineligible_table): "
                + String.join(", ", tables));
        return tables;
    }

    /** The host the redo storage lives on: an S3 endpoint's host; for local paths, TiCDC's own host. */
    static Optional<String> redoHost(String storage, String ticdcServer) {
        String scheme = Uris.scheme(storage);
        if (scheme.isEmpty() || List.of("local", "file", "nfs").contains(scheme)) {
            return host(ticdcServer);
        }
        if ("s3".equals(scheme)) {
            return Optional.ofNullable(Uris.query(storage).get("endpoint")).flatMap(CreateGuards::host);
        }
        return Optional.empty();
    }

    /** Refuses redo storage on the primary's host (its TiDB or its TiCDC) unless the plan allows it. */
    static void checkRedoHost(ChangefeedConfig config, StepContext context) {
        if (config.spec().redoStorage().isEmpty() || !config.spec().redoEnabled()) {
            return;
        }
        Optional<String> redo = redoHost(config.spec().redoStorage().get(), config.server());
        if (redo.isEmpty()) {
            return;
        }
        List<String> primary = new java.util.ArrayList<>();
        host(config.server()).ifPresent(primary::add);
        config.upstream().map(c -> c.string("host", "127.0.0.1")).ifPresent(primary::add);
        boolean same = primary.stream().anyMatch(h -> sameHost(h, redo.get()));
        if (!same) {
            return;
        }
        if (config.allowRedoOnPrimaryHost()) {
            context.say("redo storage is on the primary's host (" + redo.get() + "): it is lost with the primary;"
                    + " allowed by allow_redo_on_primary_host");
            return;
        }
        throw new StepFailedException("the redo storage is on the primary's host (" + redo.get() + "): when the"
                + " primary's site is lost, its redo log is lost with it and cannot be applied",
                "put the redo storage on the secondary's site (or another), or set allow_redo_on_primary_host: true"
                        + " for a test on one host");
    }

    static boolean sameHost(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return List.of("localhost", "::1", "0:0:0:0:0:0:0:1").contains(h) || h.startsWith("127.") ? "loopback" : h;
    }

    static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(URI.create(url.contains("://") ? url : "http://" + url).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
