package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.Engine;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dry-run of every committed plan is pinned by a golden file beside it
 * ({@code <plan>.dry-run.md}), so a reviewer sees in the diff what a change to a plan or a step
 * type does to the commands a run would send. A dry-run is a function of the plan and its inputs:
 * the same on every machine, whatever its caches hold.
 */
class DryRunGoldenTest {
    private static final Engine ENGINE = Stepwise.engine();

    static Stream<Path> plans() throws IOException {
        return plansUnder(StepwiseProcess.REPO.resolve("plans")).stream();
    }

    /**
     * The plans committed under {@code root}: YAML files outside hidden directories (a run's state dir,
     * {@code .stepwise/}, holds copies of plans), build output and the benchmarks.
     */
    static List<Path> plansUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && committedDirectory(root.relativize(p).getParent()))
                    .sorted().toList();
        }
    }

    private static boolean committedDirectory(Path relative) {
        for (Path dir = relative; dir != null; dir = dir.getParent()) {
            String name = dir.getFileName().toString();
            if (name.startsWith(".") || name.equals("target") || name.equals("bench")) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("plans")
    void dryRunMatchesItsGolden(Path plan) {
        Goldens.assertMatches(golden(plan), markdown(ENGINE, plan));
    }

    @Test
    void givenRunStateBesideThePlans_whenPlansAreListed_thenOnlyTheCommittedOnesAreChecked(@TempDir Path dir)
            throws IOException {
        // given
        Path plans = dir.resolve("plans");
        Files.createDirectories(plans.resolve("examples"));
        Files.writeString(plans.resolve("quickstart.yaml"), "name: q\n");
        Files.writeString(plans.resolve("examples/capture.yaml"), "name: c\n");
        Path copy = plans.resolve(".stepwise/runs/q-20250101-000000-ab12/plan.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, "name: q\n");
        Files.createDirectories(plans.resolve("examples/.stepwise/runs/c-1"));
        Files.writeString(plans.resolve("examples/.stepwise/runs/c-1/plan.yaml"), "name: c\n");

        // when
        List<Path> found = plansUnder(plans);

        // then
        assertThat(found).containsExactly(plans.resolve("examples/capture.yaml"), plans.resolve("quickstart.yaml"));
    }

    @Test
    void givenACacheWithoutTheMariaDbBinaries_whenTheQuickstartIsDryRun_thenItMatchesTheGolden(@TempDir Path cache)
            throws IOException {
        // given: a machine that never unpacked the binaries, and one that did
        Path unpacked = cache.resolve("unpacked");
        String before = System.getProperty(MariaDbDistribution.HOME_PROPERTY);
        try {
            System.setProperty(MariaDbDistribution.HOME_PROPERTY, cache.resolve("empty").toString());
            Engine fresh = Stepwise.engine();
            System.setProperty(MariaDbDistribution.HOME_PROPERTY, unpacked.toString());
            Files.createDirectories(unpacked);
            Files.writeString(unpacked.resolve(".stepwise-unpacked"), MariaDbDistribution.VERSION + "\n");
            assertThat(new MariaDbDistribution(unpacked).isUnpacked()).as("precondition: looks unpacked").isTrue();
            Engine used = Stepwise.engine();
            Path plan = StepwiseProcess.REPO.resolve("plans/quickstart.yaml");

            // when
            String onFresh = markdown(fresh, plan);
            String onUsed = markdown(used, plan);

            // then
            assertThat(onFresh).isEqualTo(onUsed).doesNotContain(cache.toString()).contains("<mariadb.home>/bin/mariadbd");
            Goldens.assertMatches(golden(plan), onFresh);
            assertThat(Files.exists(cache.resolve("empty"))).as("a dry-run unpacks nothing").isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(MariaDbDistribution.HOME_PROPERTY);
            } else {
                System.setProperty(MariaDbDistribution.HOME_PROPERTY, before);
            }
        }
    }

    private static String markdown(Engine engine, Path plan) {
        Path relative = StepwiseProcess.REPO.relativize(plan);
        return engine.dryRun(Path.of("..").resolve(relative), Map.of(), DryRunFormat.MARKDOWN).replace("../plans/", "plans/");
    }

    private static Path golden(Path plan) {
        return plan.resolveSibling(plan.getFileName().toString().replace(".yaml", ".dry-run.md"));
    }
}
