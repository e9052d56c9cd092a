package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.StepTypeInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StepsCommandTest {
    private final CliHarness cli = new CliHarness();

    @BeforeEach
    void registerTypes() {
        StepTypeInfo sql = new StepTypeInfo("sql", "Runs SQL statements or a query on a named connection.",
                List.of(
                        new StepTypeInfo.Param("connection", "connection", true, Optional.empty(),
                                "The connection to run on.", Optional.of("primary"), false, List.of(), Optional.empty(), Optional.empty(), List.of(), List.of()),
                        new StepTypeInfo.Param("isolation", "string", false, Optional.of("repeatable-read"),
                                "Transaction isolation.", Optional.empty(), false,
                                List.of("read-committed", "repeatable-read"), Optional.empty(), Optional.empty(), List.of(),
                                List.of()),
                        new StepTypeInfo.Param("password", "string", false, Optional.empty(),
                                "Overrides the connection's password.", Optional.empty(), true, List.of(), Optional.empty(),
                                Optional.empty(), List.of(), List.of())),
                List.of(new StepTypeInfo.Output("rows", "list", "Rows by column name."),
                        new StepTypeInfo.Output("affected", "integer", "Rows changed.")),
                "NEEDS_PERSON");
        StepTypeInfo log = new StepTypeInfo("log", "Prints a message.", List.of(
                new StepTypeInfo.Param("message", "string", true, Optional.empty(), "What to print.",
                        Optional.of("hello ${inputs.name}"), false, List.of(), Optional.empty(), Optional.empty(),
                        List.of(), List.of())), List.of(), "NOTHING_TO_UNDO");
        cli.engine.types = List.of(sql, log);
    }

    @Test
    void listsTheRegisteredTypesAsATableSortedByName() {
        // when
        CliHarness.Result result = cli.run("steps");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out().lines().toList()).startsWith(
                "TYPE  PARAMETERS  ROLLBACK         DESCRIPTION",
                "log   1           nothing to undo  Prints a message.",
                "sql   3           needs a person   Runs SQL statements or a query on a named connection.");
    }

    @Test
    void showsOneTypeInDetail() {
        // when
        CliHarness.Result result = cli.run("steps", "sql");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                "sql: Runs SQL statements or a query on a named connection.",
                "Rollback: needs a person",
                "Parameters",
                "  connection (connection, required)",
                "      The connection to run on.",
                "      example: primary",
                "  isolation (string, optional)",
                "      Transaction isolation.",
                "      default: repeatable-read",
                "      allowed: read-committed, repeatable-read",
                "  password (string, optional, secret)",
                "      Overrides the connection's password.",
                "      masked as **** in dry-run, events, logs and the journal",
                "Outputs",
                "  NAME      TYPE     DESCRIPTION",
                "  rows      list     Rows by column name.",
                "  affected  integer  Rows changed.");
    }

    @Test
    void unknownTypeIsAUsageErrorWithTheClosestMatchFirst() {
        // when
        CliHarness.Result result = cli.run("steps", "sqll");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(
                "stepwise: unknown step type 'sqll' (did you mean 'sql'? known types: sql, log)\n");
    }

    @Test
    void schemaPrintsTheEnginesSchema() {
        // when
        CliHarness.Result result = cli.run("schema");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).isEqualTo(cli.engine.schema + "\n");
    }
}
