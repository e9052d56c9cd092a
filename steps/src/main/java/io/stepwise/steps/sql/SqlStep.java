package io.stepwise.steps.sql;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sql}: runs a query, or statements in order in one session, on a MySQL-protocol connection.
 * Values from {@code ${...}} are bound as statement parameters, never spliced into the text. The
 * result is that of the last statement: {@code rows} by column name, {@code row}, {@code columns},
 * {@code affected}; with {@code statements}, {@code results} holds each statement's.
 */
public final class SqlStep implements StepType<SqlConfig> {
    /** Connection types this step can talk to. */

    static final Param<String> CONNECTION = Param.connection("connection").required().allowed("mysql")
            .description("The MySQL-protocol connection (MySQL, MariaDB, TiDB) declared under connections:.")
            .example("primary");
    static final Param<SqlText> QUERY = Param.sql("query")
            .description("One statement. ${...} values are bound as parameters, never spliced into the text. "
                    + "Give query or statements, not both.")
            .example(SqlText.of("SELECT COUNT(*) AS n FROM orders WHERE id > ${inputs.min_id}"))
            .check(query -> !query.sql().isBlank(), "must not be blank");
    static final Param<List<SqlText>> STATEMENTS = Param.sqlList("statements")
            .description("Statements run in order in one session (not one transaction: DDL commits). "
                    + "The result is the last one's; results lists each.")
            .example(List.of(SqlText.of("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)"),
                    SqlText.of("INSERT INTO t VALUES (1)")))
            .check(statements -> !statements.isEmpty(), "must not be empty");
    static final Param<Boolean> IDEMPOTENT = Param.bool("idempotent").defaultValue(false)
            .description("Declares that running the statements twice is harmless (IF NOT EXISTS, upserts), "
                    + "so resume may rerun the step after a crash. Read-only statements are idempotent anyway.")
            .example(true);

    private static final List<OutputDescriptor> OUTPUTS = List.of(
            OutputDescriptor.of("rows", ParamType.LIST, "The rows of the last statement, each a map by column label, in column order."
                    + " A step keeps at most 100000 rows and 32 Mi characters: a query returning more fails the step"
                    + " as soon as it passes either, and its session is closed to stop it (the next statement opens"
                    + " a new one)."),
            OutputDescriptor.of("row", ParamType.MAP, "The first row, or an empty map when there is none."),
            OutputDescriptor.of("columns", ParamType.STRING_LIST, "The column labels of the last statement."),
            OutputDescriptor.of("affected", ParamType.INTEGER, "The update count of the last statement; -1 when it returned rows."),
            OutputDescriptor.of("results", ParamType.LIST,
                    "With statements: one entry per statement, each with rows, row, columns and affected."));

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String description() {
        return "Runs a query or statements on a MySQL-protocol connection, binding values as parameters; rows by column name.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(CONNECTION, QUERY, STATEMENTS, IDEMPOTENT);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return OUTPUTS;
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        return List.of(List.of(QUERY.name(), STATEMENTS.name()));
    }

    @Override
    public SqlConfig bind(Params params) {
        ConnectionInfo connection = params.connection(CONNECTION);
        Optional<SqlText> query = params.find(QUERY);
        return new SqlConfig(connection, query.map(List::of).orElseGet(() -> params.get(STATEMENTS)), query.isPresent(),
                params.get(IDEMPOTENT));
    }

    @Override
    public List<Action> plan(SqlConfig config, StepContext context) {
        return List.copyOf(actions(config));
    }

    private static List<SqlAction> actions(SqlConfig config) {
        return config.statements().stream().map(s -> new SqlAction(config.connection(), s)).toList();
    }

    @Override
    public StepResult execute(SqlConfig config, StepContext context) {
        List<SqlResult> results = context.actions().sqlBatch(actions(config));
        Map<String, Object> values = results.get(results.size() - 1).toValues();
        if (!config.query()) {
            values.put("results", results.stream().map(SqlResult::toValues).toList());
        }
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(SqlConfig config) {
        return config.readOnly() ? Reversibility.NOTHING_TO_UNDO : Reversibility.NEEDS_PERSON;
    }

    @Override
    public boolean idempotent(SqlConfig config) {
        return config.declaredIdempotent() || config.readOnly();
    }
}
