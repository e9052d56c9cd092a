package io.stepwise.steps.mariadb.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.ParamProblem;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.localservice.Ports;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MariaDbLocalStepTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new MariaDbLocalStep(new MariaDbDistribution(contractDir.resolve("mariadb-home")));
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        // the action given, so that the contract tries start's parameters only (pid is for stop and kill)
        return Map.of("action", "start", "name", "primary", "port", 3307);
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("name", "primary");
    }

    @Override
    protected String invalidParameter() {
        return "port";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        int port = ListeningPort.closedPort();
        Path dataDir = dir.resolve("data");
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("name", "probe", "port", port, "data_dir", dataDir.toString(), "binlog", true);
            }

            @Override
            public Optional<String> sideEffect() {
                if (Files.exists(dataDir) || Files.exists(dir.resolve("mariadb-home"))) {
                    return Optional.of("created " + dataDir + " or unpacked binaries");
                }
                return Ports.accepting("127.0.0.1", port) ? Optional.of("a server listens on " + port) : Optional.empty();
            }
        };
    }

    @Test
    void givenAStartStep_whenPlanned_thenItShowsTheBinariesTheInstallerAndTheServerArgv() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), Map.of("name", "primary", "port", 3307, "server_id", 7,
                    "binlog", true, "gtid_strict_mode", true, "read_only", true, "options", List.of("--max-connections=50")));

            assertThat(plan.get(0).summary()).isEqualTo("use the MariaDB 11.4.5 binaries in /<mariadb.home> (the stepwise "
                    + "cache; unpacked there once, ~366 MB, if missing)");
            assertThat(plan).filteredOn(a -> a instanceof ExecAction).extracting(Action::summary)
                    .anySatisfy(s -> assertThat(s).contains("/<mariadb.home>/scripts/mariadb-install-db")
                            .contains("--auth-root-authentication-method=normal").contains("--innodb-log-file-size=8M")
                            .contains("--innodb-undo-tablespaces=0").doesNotContain("--user"))
                    .anySatisfy(s -> assertThat(s).contains("/<mariadb.home>/bin/mariadbd --no-defaults").contains("--port=3307")
                            .contains("--server-id=7").contains("--log-bin=primary-bin").contains("--gtid-strict-mode=1")
                            .contains("--read-only=1").contains("--skip-ssl").contains("--socket=mariadbd.sock")
                            .contains("--user=root").contains("--innodb-log-file-size=8M")
                            .endsWith("--max-connections=50  (in " + harness.runDir().resolve("mariadb/primary/data") + ")"));
        }
    }

    @Test
    void givenTwoMachines_whenAStartStepIsPlanned_thenThePlanIsTheSameOnBoth() throws Exception {
        // given: one cache holds the binaries (or looks as if) and the data dir is initialized; then neither
        Path used = contractDir.resolve("used-cache");
        Files.createDirectories(used);
        Files.writeString(used.resolve(".stepwise-unpacked"), MariaDbDistribution.VERSION + "\n");
        Path dataDir = contractDir.resolve("data");
        Files.createDirectories(dataDir.resolve("mysql"));
        Map<String, Object> params = Map.of("name", "primary", "port", 3307, "data_dir", dataDir.toString(),
                "innodb_log_file_size", "64M");

        try (StepHarness harness = harness(List.of())) {
            // when
            List<String> onUsed = harness.plan(new MariaDbLocalStep(new MariaDbDistribution(used)), params).stream()
                    .map(Action::summary).toList();
            Files.delete(dataDir.resolve("mysql"));
            List<String> onFresh = harness.plan(new MariaDbLocalStep(new MariaDbDistribution(contractDir.resolve("none"))),
                    params).stream().map(Action::summary).toList();

            // then
            assertThat(new MariaDbDistribution(used).isUnpacked()).as("precondition").isTrue();
            assertThat(onUsed).isEqualTo(onFresh).noneMatch(s -> s.contains(used.toString()))
                    .anyMatch(s -> s.contains("mariadb-install-db")).anyMatch(s -> s.contains("--innodb-log-file-size=64M"));
        }
    }

    @Test
    void givenARedoLogSizeThatIsNoSize_whenValidated_thenItSaysWhatASizeLooksLike() {
        try (StepHarness harness = harness(List.of())) {
            List<ParamProblem> problems = harness.validate(stepType(), Map.of("name", "p", "port", 3307,
                    "innodb_log_file_size", "lots"));

            assertThat(problems).extracting(ParamProblem::message)
                    .containsExactly("'innodb_log_file_size' must be a size such as 8M or 1G, not 'lots'");
        }
    }

    @Test
    void givenStopOrKillWithoutATarget_whenValidated_thenItAsksForTheNamePidOrDataDir() {
        try (StepHarness harness = harness(List.of())) {
            List<ParamProblem> problems = harness.validate(stepType(), Map.of("action", "kill"));
            List<ParamProblem> startOnly = harness.validate(stepType(), Map.of("action", "stop", "name", "x", "port", 1));

            assertThat(problems).extracting(ParamProblem::message).containsExactly("kill needs the server's name, pid or data_dir");
            assertThat(startOnly).extracting(ParamProblem::message).containsExactly("'port' applies to action start, not stop");
        }
    }

    @Test
    void givenAKillStepWithAPidFromAnEarlierStep_whenPlanned_thenItRendersThePidAsGiven() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), Map.of("action", "kill", "pid", 4242));

            assertThat(plan).extracting(Action::summary).containsExactly("send SIGKILL to mariadbd pid 4242");
        }
    }

    @Test
    void givenAPidOfSomethingElse_whenKilled_thenItRefusesToSignalIt() {
        try (StepHarness harness = harness(List.of())) {
            long self = ProcessHandle.current().pid();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness.execute(stepType(), Map.of("action", "kill", "pid", self)))
                    .hasMessageContaining("is not a mariadbd").hasMessageContaining("refusing to signal it");
        }
    }

    @Test
    void givenStartOnlyOrStopOnlyParametersWithTheDefaultAction_whenValidated_thenTheyAreNamed() {
        try (StepHarness harness = harness(List.of())) {
            List<ParamProblem> pidAtStart = harness.validate(stepType(), Map.of("name", "p", "port", 3307, "pid", 42));
            List<ParamProblem> noPort = harness.validate(stepType(), Map.of("name", "p"));
            List<ParamProblem> explicitStart = harness.validate(stepType(), Map.of("action", "start", "name", "p"));

            assertThat(pidAtStart).extracting(ParamProblem::parameter).containsExactly("pid");
            assertThat(pidAtStart.get(0).message()).contains("applies to action kill, stop, not start");
            assertThat(noPort.toString()).contains("missing required parameter 'port' for action start");
            assertThat(explicitStart.toString()).contains("missing required parameter 'port' for action start");
        }
    }

    @Test
    void givenANameWithASlashOrAPortOutOfRange_whenValidated_thenEachIsRefusedByName() {
        try (StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), Map.of("name", "../etc", "port", 3307)))
                    .extracting(ParamProblem::parameter).containsExactly("name");
            assertThat(harness.validate(stepType(), Map.of("name", "p", "port", 65_536)))
                    .extracting(ParamProblem::parameter).containsExactly("port");
            assertThat(harness.validate(stepType(), Map.of("action", "kill", "pid", 0)))
                    .extracting(ParamProblem::parameter).containsExactly("pid");
        }
    }

    @Test
    void givenAStartWithACustomDataDir_whenItsServerIsStoppedByName_thenTheRunDirTellsWhereItsDataIs() throws Exception {
        try (StepHarness harness = harness(List.of())) {
            Path custom = contractDir.resolve("custom-data");
            MariaDbProcess server = new MariaDbProcess("custom", 1L, custom, contractDir.resolve("log"),
                    java.time.Duration.ofSeconds(1));

            MariaDbStopper.remember(harness.runDir(), server);

            assertThat(harness.runDir().resolve("mariadb/custom/data-dir")).hasContent(custom.toString());
        }
    }
}
