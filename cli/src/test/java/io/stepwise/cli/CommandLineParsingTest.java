package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.Confirmer;
import io.stepwise.engine.api.DryRunFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineParsingTest {
    private final CliHarness cli = new CliHarness();

    @Test
    void helpListsEveryCommandAndTheExitStatuses() {
        // when
        CliHarness.Result result = cli.run("--help");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("validate", "dry-run", "run", "resume", "rollback", "status", "steps",
                "schema", "--debug");
        assertThat(result.out()).contains("Exit status:", "0     success", "1     a step failed",
                "2     invalid plan or usage", "130   interrupted");
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void subcommandHelpDocumentsItsOptionsButNotTheHiddenOnes() {
        // when
        CliHarness.Result result = cli.run("run", "--help");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("--set=NAME=VALUE", "--set-file=NAME=FILE", "--state-dir=DIR", "--yes",
                "--output=FORMAT", "Exit status:").doesNotContain("--no-fsync");
    }

    @Test
    void versionComesFromTheManifestOrSaysItIsADevelopmentBuild() {
        // when
        CliHarness.Result result = cli.run("--version");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("stepwise ");
    }

    @Test
    void noCommandIsAUsageError() {
        // when
        CliHarness.Result result = cli.run();

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: stepwise");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        // when
        CliHarness.Result result = cli.run("runn", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "stepwise run", "Try 'stepwise --help'");
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void missingPlanIsAUsageError() {
        // when
        CliHarness.Result result = cli.run("run");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("stepwise run: Missing required parameter: 'PLAN'",
                "Try 'stepwise run --help' for more information.");
    }

    @Test
    void setWithoutNameEqualsValueIsAUsageError() {
        // when
        CliHarness.Result result = cli.run("run", "plan.yaml", "--set", "env");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("'env' is not NAME=VALUE");
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void setWithAnEmptyNameIsAUsageError() {
        // when
        CliHarness.Result result = cli.run("validate", "plan.yaml", "--set", "=x");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void setKeepsEqualsSignsInTheValueAndLaterValuesWin() {
        // when
        CliHarness.Result result = cli.run("validate", "plan.yaml", "--set", "url=http://x/?a=b", "--set", "env=dev",
                "--set", "env=prod");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastInputs).containsExactly(
                java.util.Map.entry("url", "http://x/?a=b"), java.util.Map.entry("env", "prod"));
        assertThat(result.out()).isEqualTo("plan.yaml: valid\n");
    }

    @Test
    void validateCountsMissingRequiredInputsUnlessAllowed() {
        // when
        CliHarness.Result strict = cli.run("validate", "plan.yaml");
        CliHarness.Result lenient = cli.run("validate", "plan.yaml", "--allow-missing-inputs");

        // then
        assertThat(strict.status()).isZero();
        assertThat(lenient.status()).isZero();
        assertThat(cli.engine.calls).containsExactly("validate", "validate allowing missing inputs");
    }

    @Test
    void setFileReadsTheValueWithoutItsFinalNewline(@TempDir Path dir) throws Exception {
        // given
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cr=t\n", StandardCharsets.UTF_8);

        // when
        CliHarness.Result result = cli.run("validate", "plan.yaml", "--set-file", "password=" + secret);

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastInputs).containsEntry("password", "s3cr=t");
        assertThat(result.out() + result.err()).doesNotContain("s3cr=t");
    }

    @Test
    void setFileThatCannotBeReadIsAUsageError(@TempDir Path dir) {
        // when
        CliHarness.Result result = cli.run("run", "plan.yaml", "--set-file", "password=" + dir.resolve("absent"));

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--set-file password=", "cannot read the file");
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        // when
        CliHarness.Result result = cli.run("run", "plan.yaml", "--output", "yaml");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--output");
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void dryRunFormatIsCaseInsensitive() {
        // when
        CliHarness.Result result = cli.run("dry-run", "plan.yaml", "--format", "markdown", "--set", "env=dev");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastFormat).isEqualTo(DryRunFormat.MARKDOWN);
        assertThat(cli.engine.lastInputs).containsEntry("env", "dev");
        assertThat(result.out()).isEqualTo(cli.engine.dryRunText);
    }

    @Test
    void runPassesItsOptionsToTheEngine() {
        // when
        CliHarness.Result result = cli.run("run", "plan.yaml", "--set", "env=dev", "--state-dir", "/tmp/state",
                "--yes", "--no-fsync");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastPlan).isEqualTo(Path.of("plan.yaml"));
        assertThat(cli.engine.lastOptions.inputs()).containsEntry("env", "dev");
        assertThat(cli.engine.lastOptions.stateDir()).contains(Path.of("/tmp/state"));
        assertThat(cli.engine.lastOptions.confirmer()).isSameAs(Confirmer.ALWAYS);
        assertThat(cli.engine.lastOptions.durableJournal()).isFalse();
    }

    @Test
    void runJournalsDurablyByDefaultAndAsksBeforeConfirmations() {
        // when
        cli.run("run", "plan.yaml");

        // then
        assertThat(cli.engine.lastOptions.durableJournal()).isTrue();
        assertThat(cli.engine.lastOptions.stateDir()).isEmpty();
        assertThat(cli.engine.lastOptions.confirmer()).isInstanceOf(TerminalConfirmer.class);
    }

    @Test
    void resumePassesTheOperatorsDecisions() {
        // when
        CliHarness.Result result = cli.run("resume", "r7", "--plan", "plan.yaml", "--rerun", "a", "--rerun", "b",
                "--skip", "c", "--accept-plan-change", "--set", "password=x");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastRun).contains("r7");
        assertThat(cli.engine.lastPlan).isEqualTo(Path.of("plan.yaml"));
        assertThat(cli.engine.lastOptions.rerun()).containsExactlyInAnyOrder("a", "b");
        assertThat(cli.engine.lastOptions.skip()).containsExactly("c");
        assertThat(cli.engine.lastOptions.acceptPlanChange()).isTrue();
        assertThat(cli.engine.lastOptions.inputs()).containsEntry("password", "x");
    }

    @Test
    void resumeWithoutRunMeansTheLatestRun() {
        // when
        cli.run("resume");

        // then
        assertThat(cli.engine.lastRun).isEqualTo(Optional.empty());
        assertThat(cli.engine.lastOptions.rerun()).isEmpty();
        assertThat(cli.engine.lastOptions.acceptPlanChange()).isFalse();
    }

    @Test
    void aStepCannotBeBothRerunAndSkipped() {
        // when
        CliHarness.Result result = cli.run("resume", "--rerun", "a", "--skip", "a");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("both rerun and skipped: a");
        assertThat(cli.engine.calls).isEmpty();
    }

    @Test
    void debugIsAcceptedBeforeAndAfterTheCommand() {
        // given
        cli.engine.behaviour = FakeEngine.throwing(new IllegalStateException("boom"));

        // when
        CliHarness.Result before = cli.run("--debug", "run", "plan.yaml");
        CliHarness.Result after = cli.run("run", "plan.yaml", "--debug");

        // then
        assertThat(before.err()).contains("java.lang.IllegalStateException: boom", "\tat ");
        assertThat(after.err()).contains("java.lang.IllegalStateException: boom", "\tat ");
    }

    @Test
    void rootHelpBeforeACommandStillListsEveryCommand() {
        // when
        CliHarness.Result result = cli.run("--help", "run");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("validate", "rollback", "schema");
    }

    @Test
    void theTreeForOneCommandHasOnlyThatCommandAndTheWholeTreeHasAll() {
        // given
        CliContext context = CliContext.builder(() -> cli.engine).build();

        // when
        var one = StepwiseCli.commandLine(context, "--debug", "validate", "plan.yaml");
        var typo = StepwiseCli.commandLine(context, "valdate", "plan.yaml");
        var all = StepwiseCli.commandLine(context);

        // then
        assertThat(one.getSubcommands()).containsOnlyKeys("validate");
        assertThat(typo.getSubcommands()).hasSize(StepwiseCli.COMMANDS.size());
        assertThat(all.getSubcommands()).containsKeys("validate", "dry-run", "run", "resume", "rollback", "status",
                "steps", "schema", "help");
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        // when
        CliHarness.Result result = cli.run("help", "resume");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("--rerun=STEP", "--skip=STEP", "--accept-plan-change");
    }
}
