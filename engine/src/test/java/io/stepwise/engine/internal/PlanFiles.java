package io.stepwise.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes plan text to a file in a test's temp dir. */
final class PlanFiles {
    private PlanFiles() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, text.stripIndent());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
