package io.stepwise.cli;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The shell's commands that read and change values: variables, expressions, inputs and SQL reads. */
final class ShellValueCommands {
    /** Values longer than this are cut in listings; {@code get} shows them whole. */
    static final int VALUE_WIDTH = 100;

    private ShellValueCommands() {
    }

    @Command(name = "vars", customSynopsis = "vars",
            description = "Lists the values expressions see: inputs, the values of done steps, run info (masked).")
    static final class Vars implements Callable<Integer> {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;

        Vars(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Integer call() {
            List<String> lines = new ArrayList<>();
            flatten("", shell.run().variables(), 3, lines);
            lines.forEach(shell.out()::println);
            return ExitStatus.SUCCESS;
        }

        /** {@code inputs.x = 1}, {@code steps.a.n = 2}, {@code run.id = ...}: maps opened {@code depth} levels deep. */
        private void flatten(String prefix, Map<?, ?> values, int depth, List<String> lines) {
            values.forEach((key, value) -> {
                String name = prefix + key;
                if (value instanceof Map<?, ?> inner && depth > 1) {
                    flatten(name + ".", inner, depth - 1, lines);
                } else {
                    lines.add(name + " = " + shell.style().truncate(Values.display(value), VALUE_WIDTH));
                }
            });
        }
    }

    @Command(name = "get", customSynopsis = "get EXPR",
            description = {"Evaluates an expression over the run's values and prints the result (masked).",
                "For example: get steps.backup.position, get size(steps.q.rows)"})
    static final class Get implements Callable<Integer>, ShellCommands.RawText {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", paramLabel = "EXPR", completionCandidates = ShellCompleter.VariableNames.class,
                description = "A name such as inputs.x or steps.<id>.<name>, or any expression.")
        String expression;

        Get(Shell shell) {
            this.shell = shell;
        }

        @Override
        public int leadingWords() {
            return 0;
        }

        @Override
        public Integer call() {
            shell.out().println(Values.display(shell.run().evaluate(expression)));
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "eval", customSynopsis = "eval TEXT",
            description = {"Renders text with $${...} expressions, as a step's parameters are rendered.",
                "For example: eval backup at $${steps.backup.position}"})
    static final class Eval implements Callable<Integer>, ShellCommands.RawText {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", paramLabel = "TEXT", completionCandidates = ShellCompleter.VariableNames.class,
                description = "Text with $${...} (a bare expression works too).")
        String text;

        Eval(Shell shell) {
            this.shell = shell;
        }

        @Override
        public int leadingWords() {
            return 0;
        }

        @Override
        public Integer call() {
            shell.out().println(Values.display(shell.run().evaluate(text)));
            return ExitStatus.SUCCESS;
        }
    }

    @Command(name = "set", customSynopsis = "set inputs.NAME=VALUE",
            description = "Sets an input for the rest of the run (journaled; a secret input is journaled masked).")
    static final class SetInput implements Callable<Integer>, ShellCommands.RawText {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", paramLabel = "inputs.NAME=VALUE", completionCandidates = ShellCompleter.InputNames.class,
                description = "The input and its new value, as typed (quotes around the value are removed).")
        String assignment;

        SetInput(Shell shell) {
            this.shell = shell;
        }

        @Override
        public int leadingWords() {
            return 0;
        }

        @Override
        public Integer call() {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new StepwiseException(ErrorCode.USAGE, "'" + assignment + "' is not inputs.NAME=VALUE",
                        "for example: set inputs.env=staging");
            }
            String name = assignment.substring(0, equals).strip();
            if (name.startsWith("inputs.")) {
                name = name.substring("inputs.".length());
            } else if (name.contains(".")) {
                throw new StepwiseException(ErrorCode.USAGE, "only inputs can be set, not '" + name + "'",
                        "set inputs.NAME=VALUE");
            }
            String value = unquote(assignment.substring(equals + 1).strip());
            shell.run().setInput(name, value);
            shell.out().println("inputs." + name + " = " + Values.display(shell.run().evaluate("inputs." + name)));
            return ExitStatus.SUCCESS;
        }

        private static String unquote(String text) {
            if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                    || text.startsWith("'") && text.endsWith("'"))) {
                return text.substring(1, text.length() - 1);
            }
            return text;
        }
    }

    @Command(name = "sql", customSynopsis = "sql CONNECTION QUERY",
            description = {"Runs an ad-hoc query on one of the plan's connections and shows the rows as a table.",
                "The query is sent as typed; the values shown are masked. Meant for reads."})
    static final class Sql implements Callable<Integer>, ShellCommands.RawText {
        private final Shell shell;
        @Mixin
        ShellCommands.HelpOption help;
        @Parameters(index = "0", paramLabel = "CONNECTION", completionCandidates = ShellCompleter.ConnectionNames.class,
                description = "A connection the plan declares.")
        String connection;
        @Parameters(index = "1", paramLabel = "QUERY", description = "The SQL, as typed.")
        String query;

        Sql(Shell shell) {
            this.shell = shell;
        }

        @Override
        public int leadingWords() {
            return 1;
        }

        @Override
        public Integer call() {
            List<Map<String, Object>> rows = shell.running(() -> shell.run().query(connection, query));
            table(rows).forEach(shell.out()::println);
            shell.out().println(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)");
            return ExitStatus.SUCCESS;
        }

        private List<String> table(List<Map<String, Object>> rows) {
            LinkedHashSet<String> columns = new LinkedHashSet<>();
            rows.forEach(row -> columns.addAll(row.keySet()));
            if (columns.isEmpty()) {
                return List.of();
            }
            TextTable table = new TextTable(columns.toArray(String[]::new));
            for (Map<String, Object> row : rows) {
                table.row(columns.stream().map(c -> row.containsKey(c) ? cell(row.get(c)) : "").toArray(String[]::new));
            }
            return table.lines();
        }

        private String cell(Object value) {
            return value == null ? "NULL" : shell.style().truncate(Values.display(value), RunSummary.VALUE_WIDTH);
        }
    }
}
