package io.stepwise.cli;

import java.nio.file.Path;
import java.util.Optional;

/** A command that works on a plan file, so errors can name it (and print them as JSON when asked to). */
interface PlanCommand {
    Optional<Path> planFile();

    /** True when the command writes JSON on standard output, so an invalid plan is reported there as JSON too. */
    default boolean jsonOutput() {
        return false;
    }
}
