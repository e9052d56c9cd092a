package io.stepwise.cli;

import java.nio.file.Path;
import java.util.Optional;

/** A command that works on a plan file, so errors can name it. */
interface PlanCommand {
    Optional<Path> planFile();
}
