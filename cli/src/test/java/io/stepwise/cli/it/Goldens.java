package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a committed golden file. Set STEPWISE_UPDATE_GOLDEN=1 to rewrite the
 * goldens after a deliberate change, then review the diff before committing.
 */
final class Goldens {
    private Goldens() {
    }

    static void assertMatches(Path golden, String actual) {
        try {
            if ("1".equals(System.getenv("STEPWISE_UPDATE_GOLDEN"))) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(golden).as("golden file missing; create it with STEPWISE_UPDATE_GOLDEN=1 ./mvnw verify").exists();
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            assertThat(actual).as("output differs from " + StepwiseProcess.REPO.relativize(golden)
                    + " (if the change is intended: STEPWISE_UPDATE_GOLDEN=1 ./mvnw verify, then review the diff)")
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
