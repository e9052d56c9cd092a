package io.stepwise.cli;

import java.util.Objects;

/** A command the person can type next, such as {@code stepwise resume <run>}, and what it is for. */
record NextCommand(String purpose, String command) {
    NextCommand {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(command, "command");
    }
}
