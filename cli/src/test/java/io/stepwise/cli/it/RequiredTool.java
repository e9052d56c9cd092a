package io.stepwise.cli.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A program an integration test drives for real. A test never installs it: when it is missing the test is skipped
 * with the reason printed, unless {@value #REQUIRE_ENV} names it (CI's {@code .ci/run} installs the tools and sets
 * it), in which case the test fails, so nothing is skipped where the tools must be.
 */
final class RequiredTool {
    static final String REQUIRE_ENV = "STEPWISE_REQUIRE_TOOLS";

    private RequiredTool() {
    }

    /** Skips (or, when required, fails) the calling test class unless {@code program} is on the PATH. */
    static void assume(String program, String packageName, String testName) {
        Optional<String> missing = missing(program, packageName, System.getenv("PATH"));
        if (missing.isEmpty()) {
            return;
        }
        if (required(System.getenv(REQUIRE_ENV)).contains(program)) {
            throw new AssertionError(testName + ": " + missing.get() + ", and " + REQUIRE_ENV + " requires it");
        }
        System.out.println(testName + " skipped: " + missing.get());
        Assumptions.abort(missing.get());
    }

    /** Why {@code program} cannot be used, if it cannot: not found in any directory of {@code path}. */
    static Optional<String> missing(String program, String packageName, String path) {
        boolean found = path != null && Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program)).anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
        return found ? Optional.empty()
                : Optional.of(program + " is not installed (install the package " + packageName
                        + "; .ci/run does that in CI)");
    }

    static Set<String> required(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
