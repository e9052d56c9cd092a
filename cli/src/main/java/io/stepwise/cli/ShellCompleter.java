package io.stepwise.cli;

import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepTypeInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the shell's picocli commands: the first word from the command names, an option
 * from the command's options, any other word from the completion candidates of the positional
 * parameter it fills (step ids, names such as {@code inputs.x}, connections); the candidates are read
 * from the run each time.
 */
final class ShellCompleter implements Completer {
    private final ShellCommands commands;

    ShellCompleter(ShellCommands commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(candidates(line.words(), line.wordIndex(), line.word().substring(0, line.wordCursor())));
    }

    /** The candidates for word {@code index} of {@code words}, of which {@code typed} is typed so far. */
    List<Candidate> candidates(List<String> words, int index, String typed) {
        List<Candidate> found = new ArrayList<>();
        if (index == 0) {
            commands.names().forEach(name -> found.add(candidate(name, true)));
            return found;
        }
        CommandLine command = commands.find(words.get(0)).orElse(null);
        if (command == null) {
            return found;
        }
        CommandSpec spec = command.getCommandSpec();
        if (typed.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                for (String name : option.names()) {
                    found.add(candidate(name, true));
                }
            }
            return found;
        }
        int position = 0;
        for (int i = 1; i < index && i < words.size(); i++) {
            if (!words.get(i).startsWith("-")) {
                position++;
            }
        }
        if (command.getCommand() instanceof ShellCommands.RawText raw) {
            position = Math.min(position, raw.leadingWords());
        }
        for (PositionalParamSpec param : spec.positionalParameters()) {
            if (param.index().contains(position) && param.completionCandidates() != null) {
                String prefix = typed.startsWith("${") ? "${" : "";
                for (String value : param.completionCandidates()) {
                    found.add(candidate(prefix + value, !value.endsWith("=") && !value.endsWith(".")));
                }
            }
        }
        return found;
    }

    private static Candidate candidate(String value, boolean complete) {
        return new Candidate(value, value, null, null, null, null, complete);
    }

    /** The plan's step ids. */
    static final class StepIds implements Iterable<String> {
        private final Shell shell;

        StepIds(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Iterator<String> iterator() {
            return shell.run().plan().steps().stream().map(StepDef::id).iterator();
        }
    }

    /** The breakpoints set now. */
    static final class Breakpoints implements Iterable<String> {
        private final Shell shell;

        Breakpoints(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Iterator<String> iterator() {
            return List.copyOf(shell.breakpoints()).iterator();
        }
    }

    /** The word {@code to} of {@code run to STEP}. */
    static final class To implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("to").iterator();
        }
    }

    /** The plan's connections. */
    static final class ConnectionNames implements Iterable<String> {
        private final Shell shell;

        ConnectionNames(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Iterator<String> iterator() {
            return shell.run().plan().connections().keySet().iterator();
        }
    }

    /** {@code inputs.NAME=} for each input, as {@code set} takes them. */
    static final class InputNames implements Iterable<String> {
        private final Shell shell;

        InputNames(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Iterator<String> iterator() {
            return shell.run().plan().inputs().keySet().stream().map(name -> "inputs." + name + "=").iterator();
        }
    }

    /** The shell's commands. */
    static final class CommandNames implements Iterable<String> {
        private final Shell shell;

        CommandNames(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Iterator<String> iterator() {
            return shell.commands().names().iterator();
        }
    }

    /**
     * Every name an expression can read: inputs, each step's declared outputs and captures (and the
     * values of steps that ran), and the run's own.
     */
    static final class VariableNames implements Iterable<String> {
        private final Shell shell;
        private Map<String, List<String>> outputsByType;

        VariableNames(Shell shell) {
            this.shell = shell;
        }

        @Override
        public Iterator<String> iterator() {
            Set<String> names = new LinkedHashSet<>();
            shell.run().plan().inputs().keySet().forEach(name -> names.add("inputs." + name));
            Object ran = shell.run().variables().get("steps");
            Map<?, ?> values = ran instanceof Map<?, ?> map ? map : Map.of();
            for (StepDef step : shell.run().plan().steps()) {
                outputs().getOrDefault(step.type(), List.of()).forEach(o -> names.add("steps." + step.id() + "." + o));
                step.capture().keySet().forEach(c -> names.add("steps." + step.id() + "." + c));
                if (values.get(step.id()) instanceof Map<?, ?> known) {
                    known.keySet().forEach(k -> names.add("steps." + step.id() + "." + k));
                }
            }
            List.of("id", "dir", "plan").forEach(name -> names.add("run." + name));
            return names.iterator();
        }

        private Map<String, List<String>> outputs() {
            if (outputsByType == null) {
                outputsByType = new LinkedHashMap<>();
                for (StepTypeInfo type : shell.context().engine().stepTypes()) {
                    outputsByType.put(type.name(), type.outputs().stream().map(StepTypeInfo.Output::name).toList());
                }
            }
            return outputsByType;
        }
    }
}
