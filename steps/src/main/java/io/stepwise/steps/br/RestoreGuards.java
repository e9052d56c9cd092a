package io.stepwise.steps.br;

import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.Rows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The restore guard rails (tidb-tooling.md 4.4 and 8.6-8.7): the target holds no user tables where
 * the restore writes, and its TiCDC holds no changefeed.
 */
final class RestoreGuards {
    static final String SYSTEM_SCHEMAS = "'mysql', 'information_schema', 'performance_schema', 'metrics_schema', 'sys'";

    private RestoreGuards() {
    }

    /** Counts the user tables the restore would collide with, per schema. */
    static SqlAction tablesQuery(BrOptions options) {
        StringBuilder sql = new StringBuilder("SELECT TABLE_SCHEMA, COUNT(*) AS TABLE_COUNT FROM information_schema.TABLES"
                + "\nWHERE LOWER(TABLE_SCHEMA) NOT IN (" + SYSTEM_SCHEMAS + ")");
        List<Object> args = new ArrayList<>();
        if (!options.tables().isEmpty()) {
            sql.append("\n  AND CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) IN (")
                    .append(options.tables().stream().map(t -> "?").collect(Collectors.joining(", "))).append(")");
            args.addAll(options.tables());
        } else if (!options.databases().isEmpty()) {
            sql.append("\n  AND TABLE_SCHEMA IN (")
                    .append(options.databases().stream().map(t -> "?").collect(Collectors.joining(", "))).append(")");
            args.addAll(options.databases());
        }
        sql.append("\nGROUP BY TABLE_SCHEMA ORDER BY TABLE_SCHEMA");
        return new SqlAction(options.sqlConnection(), new SqlText(sql.toString(), args));
    }

    static HttpAction changefeedsQuery(String ticdcUrl) {
        return new HttpAction("GET", trim(ticdcUrl) + "/api/v2/changefeeds?state=all", Map.of(), Optional.empty(),
                Optional.of(Duration.ofSeconds(10)));
    }

    static void checkEmpty(BrOptions options, StepContext context) {
        SqlResult result = context.actions().sql(tablesQuery(options));
        if (result.rows().isEmpty()) {
            return;
        }
        String found = result.rows().stream()
                .map(r -> Rows.column(r, "TABLE_SCHEMA").orElse("?") + " (" + Rows.column(r, "TABLE_COUNT").orElse("?")
                        + " tables)")
                .collect(Collectors.joining(", "));
        throw new StepFailedException("the restore target " + options.sqlConnection().describe()
                + " is not empty: " + found, BrHints.forMessage("not fresh").orElseThrow());
    }

    @SuppressWarnings("unchecked")
    static void checkNoChangefeed(String ticdcUrl, StepContext context) {
        HttpResult result = context.actions().http(changefeedsQuery(ticdcUrl));
        if (result.status() != 200 || !(result.json() instanceof Map<?, ?> body)) {
            throw new StepFailedException("cannot list the changefeeds of the restore target's TiCDC at " + ticdcUrl
                    + ": HTTP " + result.status() + " " + context.mask(result.body()),
                    "check ticdc_url, or leave it out when the target has no TiCDC");
        }
        Object items = body.get("items");
        List<Object> list = items instanceof List<?> l ? (List<Object>) l : List.of();
        if (!list.isEmpty()) {
            String ids = list.stream().map(i -> i instanceof Map<?, ?> m ? String.valueOf(m.get("id")) : "?")
                    .collect(Collectors.joining(", "));
            throw new StepFailedException("the restore target's TiCDC still holds changefeed(s): " + ids
                    + " (BR refuses: \"found CDC changefeed(s)\")", BrHints.forMessage("found CDC changefeed")
                    .orElseThrow());
        }
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
