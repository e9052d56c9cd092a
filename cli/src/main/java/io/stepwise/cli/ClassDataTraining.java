package io.stepwise.cli;

import io.stepwise.engine.Stepwise;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What {@code ./stepwise} runs once per build with {@code -XX:ArchiveClassesAtExit}: the help of
 * every command, then validate, dry-run, steps and schema on a tiny plan, all output discarded, so
 * the class-data sharing archive holds the classes a real start-up loads. Failures do not matter.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) {
        Logging.configure(false);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CliContext context = CliContext.builder(Stepwise::engine).out(nowhere).err(nowhere).build();
        CommandLine commandLine = StepwiseCli.commandLine(context);
        List<List<String>> invocations = new ArrayList<>();
        invocations.add(List.of("--help"));
        invocations.add(List.of("--version"));
        commandLine.getSubcommands().keySet().forEach(name -> invocations.add(List.of(name, "--help")));
        invocations.add(List.of("run", "--set", "not-an-assignment", "plan.yaml"));
        for (String plan : args) {
            invocations.add(List.of("validate", plan));
            invocations.add(List.of("dry-run", plan));
            invocations.add(List.of("dry-run", plan, "--format", "json"));
        }
        invocations.add(List.of("steps"));
        invocations.add(List.of("schema"));
        for (List<String> invocation : invocations) {
            try {
                commandLine.execute(invocation.toArray(String[]::new));
            } catch (RuntimeException | LinkageError e) {
                // a training run only records which classes load
            }
        }
    }
}
