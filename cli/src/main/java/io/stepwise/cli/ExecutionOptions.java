package io.stepwise.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What {@code run}, {@code resume} and {@code rollback} share: state, confirmations, output. */
final class ExecutionOptions {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where runs are journaled (default: .stepwise/ beside the plan).")
    Path stateDir;

    @Option(names = {"-y", "--yes"},
            description = "Answers yes to every step's confirm: question (needed without a terminal).")
    boolean yes;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people) or json (one event per line, for machines; schemas/events.schema.json). "
                    + "Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    Optional<Path> stateDirectory() {
        return Optional.ofNullable(stateDir);
    }
}
