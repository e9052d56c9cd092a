package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run what was reviewed: a dry-run saved for review, and a run that refuses anything else. */
class ReviewIT {
    private static final String CANARY = "canary-review-T0ken";
    private static final String PLAN = """
            name: reviewed
            inputs:
              greeting: {type: string, default: hello}
              token: {type: string, secret: true, env: REVIEW_IT_TOKEN}
              region: {type: string, env: REVIEW_IT_REGION, default: eu}
            connections:
              db: {type: mysql, host: 127.0.0.1, port: 1, user: root}
            steps:
              - id: greet
                type: exec
                with: {command: [echo, "${inputs.greeting}"]}
              - id: q
                type: sql
                description: Skipped by its when, so the run needs no database.
                when: "${inputs.greeting == 'never'}"
                with: {connection: db, query: "SELECT 1"}
              - id: done
                type: log
                confirm: "Finish?"
                with: {message: "done in ${inputs.region} with ${inputs.token}"}
            """;

    @TempDir
    Path dir;

    private Path plan;
    private final Map<String, String> env = new java.util.HashMap<>(Map.of("REVIEW_IT_TOKEN", CANARY,
            "REVIEW_IT_REGION", "eu-west"));

    @BeforeEach
    void writePlan() throws IOException {
        plan = dir.resolve("plan.yaml");
        Files.writeString(plan, PLAN);
    }

    private StepwiseProcess.Result stepwise(String... args) {
        return StepwiseProcess.run(dir, env, args);
    }

    private StepwiseProcess.Result review() {
        StepwiseProcess.Result saved = stepwise("dry-run", plan.toString(), "--save", dir.resolve("review.md").toString());
        assertThat(saved.exit()).as(saved.all()).isZero();
        return saved;
    }

    private StepwiseProcess.Result runReviewed(String... more) {
        List<String> args = new ArrayList<>(List.of("run", plan.toString(), "--reviewed", dir.resolve("review.md").toString(),
                "--state-dir", dir.resolve("state").toString(), "--yes"));
        args.addAll(List.of(more));
        return stepwise(args.toArray(String[]::new));
    }

    @Test
    void aReviewedPlanRunsUnchangedAndTheJournalSaysWhoRanItAndWhoConfirmed() throws Exception {
        // given
        review();
        String text = Files.readString(dir.resolve("review.md"));
        assertThat(text).contains("# Dry-run: reviewed").contains("```json stepwise-review").contains("SELECT 1");

        // when
        StepwiseProcess.Result run = runReviewed();

        // then
        assertThat(run.exit()).as(run.all()).isZero();
        Path runDir;
        try (var runs = Files.list(dir.resolve("state/runs"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        String journal = Files.readString(runDir.resolve("journal.jsonl"));
        assertThat(journal).contains("\"event\":\"reviewed\"").contains("\"user\":\"" + System.getProperty("user.name") + "\"")
                .contains("\"review_digest\":\"sha256:")
                .contains("\"event\":\"confirmed\",\"step\":\"done\",\"answer\":\"yes\",\"by\":\"--yes\"");
        StepwiseProcess.Result status = stepwise("status", runDir.getFileName().toString(), "--state-dir",
                dir.resolve("state").toString());
        assertThat(status.stdout()).contains("run as reviewed in").contains("confirmed by --yes");
    }

    @Test
    void oneCharacterOfASqlStatementChangedIsRefusedNamingTheStepAndShowingTheDiff() throws Exception {
        // given
        review();
        Files.writeString(plan, PLAN.replace("SELECT 1", "SELECT 2"));

        // when
        StepwiseProcess.Result run = runReviewed();

        // then
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.stderr()).contains("the run differs from what").contains("step 'q' (sql) changed")
                .contains("- ").contains("SELECT 1").contains("+ ").contains("SELECT 2").contains("nothing was run");
        assertThat(dir.resolve("state/runs")).doesNotExist();
    }

    @Test
    void anInputAnEnvironmentVariableTheStepOrderAreEachRefusedByName() throws Exception {
        review();

        StepwiseProcess.Result input = runReviewed("--set", "greeting=hi");
        assertThat(input.exit()).as(input.all()).isEqualTo(2);
        assertThat(input.stderr()).contains("input 'greeting' changed: hello -> hi");

        env.put("REVIEW_IT_REGION", "us-east");
        StepwiseProcess.Result environment = runReviewed();
        assertThat(environment.exit()).as(environment.all()).isEqualTo(2);
        assertThat(environment.stderr()).contains("environment variable 'REVIEW_IT_REGION' changed (its value is shown "
                + "only as a digest)").contains("input 'region' changed: eu-west -> us-east");
        env.put("REVIEW_IT_REGION", "eu-west");

        env.put("REVIEW_IT_TOKEN", CANARY + "-rotated");
        StepwiseProcess.Result secret = runReviewed();
        assertThat(secret.exit()).as(secret.all()).isEqualTo(2);
        assertThat(secret.stderr()).contains("input 'token' changed (its value is shown only as a digest)")
                .doesNotContain(CANARY);
        env.put("REVIEW_IT_TOKEN", CANARY);

        String swapped = PLAN.substring(0, PLAN.indexOf("  - id: greet"))
                + PLAN.substring(PLAN.indexOf("  - id: q"), PLAN.indexOf("  - id: done"))
                + PLAN.substring(PLAN.indexOf("  - id: greet"), PLAN.indexOf("  - id: q"))
                + PLAN.substring(PLAN.indexOf("  - id: done"));
        Files.writeString(plan, swapped);
        StepwiseProcess.Result order = runReviewed();
        assertThat(order.exit()).as(order.all()).isEqualTo(2);
        assertThat(order.stderr()).contains("step order: greet, q, done -> q, greet, done");
        assertThat(dir.resolve("state/runs")).doesNotExist();
    }

    @Test
    void aReviewMadeElsewhereIsAcceptedAndHoldsNoSecretNoPathNoHost() throws Exception {
        // given a review written in one place
        review();
        String text = Files.readString(dir.resolve("review.md"));
        assertThat(text).doesNotContain(CANARY);
        String fingerprint = text.substring(text.indexOf("```json stepwise-review"));
        String host = java.net.InetAddress.getLocalHost().getHostName();
        assertThat(fingerprint).doesNotContain(dir.toString()).doesNotContain(StepwiseProcess.REPO.toString())
                .doesNotContain(System.getProperty("user.home") + "/").doesNotContain("\"" + host + "\"");

        // when the same plan is run from a copy in another directory
        Path elsewhere = Files.createDirectories(dir.resolve("other/checkout"));
        Files.writeString(elsewhere.resolve("plan.yaml"), PLAN);
        StepwiseProcess.Result run = StepwiseProcess.run(elsewhere, env, "run", "plan.yaml", "--reviewed",
                dir.resolve("review.md").toString(), "--state-dir", dir.resolve("state2").toString(), "--yes");

        // then
        assertThat(run.exit()).as(run.all()).isZero();
    }

    @Test
    void aPlanThatRequiresAReviewIsNotRunWithoutOneButDryRunStillWorks() throws Exception {
        Files.writeString(plan, "require_review: true\n" + PLAN);

        StepwiseProcess.Result run = stepwise("run", plan.toString(), "--state-dir", dir.resolve("state").toString(), "--yes");
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.stderr()).contains("requires a review").contains("--save review.md");
        assertThat(dir.resolve("state/runs")).doesNotExist();

        review();
        assertThat(runReviewed().exit()).isZero();
    }

    @Test
    void aFileThatIsNotAReviewIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("review.md"), "# just notes\n");

        StepwiseProcess.Result run = runReviewed();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("is not a review file");
    }
}
