package io.stepwise.cli.it;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dry-run of every committed plan is pinned by a golden file beside it
 * ({@code <plan>.dry-run.md}), so a reviewer sees in the diff what a change to a plan or a step
 * type does to the commands a run would send.
 */
class DryRunGoldenTest {
    private static final Engine ENGINE = Stepwise.engine();

    static Stream<Path> plans() throws IOException {
        try (Stream<Path> files = Files.walk(StepwiseProcess.REPO.resolve("plans"))) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/bench/"))
                    .sorted().toList();
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void dryRunMatchesItsGolden(Path plan) {
        Path relative = StepwiseProcess.REPO.relativize(plan);
        String markdown = ENGINE.dryRun(relative.isAbsolute() ? plan : Path.of("..").resolve(relative), Map.of(),
                DryRunFormat.MARKDOWN).replace("../plans/", "plans/");
        Path golden = plan.resolveSibling(plan.getFileName().toString().replace(".yaml", ".dry-run.md"));
        Goldens.assertMatches(golden, markdown);
    }
}
