package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.stepwise.engine.Stepwise;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output json} from the real engine and steps (real child processes for {@code exec}),
 * every line checked against {@code schemas/events.schema.json}, the contract the README documents.
 */
class EventStreamSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    @TempDir
    Path dir;

    record Result(int status, List<JsonNode> lines, String err) {
        List<JsonNode> kind(String kind) {
            return lines.stream().filter(l -> l.get("kind").asText().equals(kind)).toList();
        }
    }

    private static JsonSchema schema() {
        try {
            JsonNode document = JSON.readTree(Files.readString(Path.of("..", "schemas", "events.schema.json")));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<ValidationMessage> problems(JsonNode line) {
        return SCHEMA.validate(line);
    }

    private Result run(CliContext.Builder builder, StringWriter out, String... args) throws IOException {
        StringWriter err = new StringWriter();
        CliContext context = builder.out(new PrintWriter(out, true)).err(new PrintWriter(err, true)).build();
        int status = StepwiseCli.commandLine(context, args).execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            JsonNode node = JSON.readTree(line);
            assertThat(problems(node)).as("schema problems of " + line).isEmpty();
            lines.add(node);
        }
        assertThat(lines).as("every line is JSON, the first one included").isNotEmpty();
        return new Result(status, lines, err.toString());
    }

    private Result run(String... args) throws IOException {
        return run(CliContext.builder(Stepwise::engine), new StringWriter(), args);
    }

    @Test
    void aRunWithRetriesSkipsConfirmationProgressFailureAndRollbackFollowsTheSchema() throws IOException {
        // given
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                name: events
                on_failure: rollback
                inputs:
                  marker: {type: string, default: "%s"}
                steps:
                  - id: flaky
                    type: exec
                    retry: {attempts: 2, delay: 200ms}
                    with:
                      script: 'if [ -e "${inputs.marker}" ]; then echo ok; else touch "${inputs.marker}"; exit 1; fi'
                    capture:
                      out: "${result.stdout.trim()}"
                  - id: never
                    type: log
                    when: "${false}"
                    with: {message: never}
                  - id: say
                    type: log
                    confirm: go on?
                    with: {message: "said ${steps.flaky.out}"}
                  - id: wait
                    type: exec
                    until: "${result.stdout.trim() == 'x'}"
                    interval: 100ms
                    timeout: 700ms
                    with: {command: [echo, y]}
                """.formatted(dir.resolve("marker")));

        // when
        Result result = run("run", plan.toString(), "-o", "json", "--yes", "--state-dir", dir.resolve("state").toString());

        // then
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.lines()).extracting(l -> l.get("kind").asText()).contains("RUN_STARTED", "STEP_STARTED",
                "STEP_RETRYING", "STEP_COMPLETED", "STEP_SKIPPED", "CONFIRMATION", "STEP_OUTPUT", "STEP_PROGRESS",
                "STEP_FAILED", "ROLLBACK_STARTED", "ROLLBACK_STEP", "ROLLBACK_FINISHED", "RUN_FINISHED", "RUN_REPORT");
        List<Instant> times = result.lines().stream().map(l -> Instant.parse(l.get("at").asText())).toList();
        assertThat(times).isSorted();

        JsonNode retrying = result.kind("STEP_RETRYING").get(0).get("data");
        assertThat(retrying.get("attempt").asInt()).isEqualTo(1);
        assertThat(retrying.get("next_attempt").asInt()).isEqualTo(2);
        assertThat(retrying.get("delay_ms").asLong()).isEqualTo(200);
        assertThat(retrying.get("error").asText()).contains("exited with 1");

        JsonNode failed = result.kind("STEP_FAILED").get(0);
        assertThat(failed.get("elapsed_ms").asLong()).isGreaterThanOrEqualTo(700);
        JsonNode finished = result.kind("RUN_FINISHED").get(0);
        long stepsTook = result.kind("STEP_COMPLETED").stream().mapToLong(l -> l.get("elapsed_ms").asLong()).sum()
                + failed.get("elapsed_ms").asLong() + retrying.get("delay_ms").asLong();
        assertThat(finished.get("elapsed_ms").asLong()).isGreaterThanOrEqualTo(stepsTook);
        assertThat(Instant.parse(finished.get("at").asText()).toEpochMilli()
                - Instant.parse(result.lines().get(0).get("at").asText()).toEpochMilli())
                .isLessThanOrEqualTo(finished.get("elapsed_ms").asLong());

        JsonNode report = result.kind("RUN_REPORT").get(0);
        for (JsonNode rollback : result.kind("ROLLBACK_STEP")) {
            String step = rollback.get("step_id").asText();
            String status = rollback.get("data").get("status").asText();
            assertThat(status).isUpperCase();
            JsonNode reported = stepOf(report, step);
            if (status.equals("NEEDS_PERSON")) {
                assertThat(reported.get("status").asText()).isEqualTo(status);
            }
        }
    }

    private static JsonNode stepOf(JsonNode report, String id) {
        for (JsonNode step : report.get("steps")) {
            if (step.get("id").asText().equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + report);
    }

    @Test
    void anInterruptedStepReportsHowLongItRanAndResumeSaysSo() throws Exception {
        // given
        Path marker = dir.resolve("quick");
        Path plan = Files.writeString(dir.resolve("slow.yaml"), """
                name: slow
                steps:
                  - id: slow
                    type: exec
                    with:
                      script: 'if [ -e "%s" ]; then exit 0; fi; sleep 20'
                """.formatted(marker));
        String state = dir.resolve("state").toString();
        CliContext.Builder builder = CliContext.builder(Stepwise::engine);
        RunInterrupter interrupter = RunInterrupter.interruptingThread();
        StringWriter out = new StringWriter();
        CompletableFuture<Void> ctrlC = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!out.toString().contains("\"STEP_STARTED\"") && System.nanoTime() < deadline) {
                pause(20);
            }
            pause(600);
            interrupter.requestStop();
        });

        // when
        Result result = run(builder.interrupter(interrupter), out, "run", plan.toString(), "--output", "json",
                "--state-dir", state);
        ctrlC.get(30, TimeUnit.SECONDS);

        // then
        assertThat(result.status()).isEqualTo(ExitStatus.INTERRUPTED);
        JsonNode failed = result.kind("STEP_FAILED").get(0);
        assertThat(failed.get("data").get("interrupted").asBoolean()).isTrue();
        assertThat(failed.get("elapsed_ms").asLong()).isBetween(600L, 15_000L);
        JsonNode reported = stepOf(result.kind("RUN_REPORT").get(0), "slow");
        assertThat(reported.get("status").asText()).isEqualTo("INTERRUPTED");
        assertThat(reported.get("duration_ms").asLong()).isEqualTo(failed.get("elapsed_ms").asLong());

        // and when it is taken up again
        Files.writeString(marker, "");
        String runId = failed.get("run_id").asText();
        Result resumed = run("resume", runId, "--plan", plan.toString(), "--rerun", "slow", "-o", "json", "--state-dir", state);

        // then
        assertThat(resumed.status()).isZero();
        JsonNode started = resumed.kind("RUN_STARTED").get(0).get("data");
        assertThat(started.get("resumed").asBoolean()).isTrue();
        assertThat(started.get("mode").asText()).isEqualTo("resume");
        assertThat(resumed.kind("RUN_FINISHED").get(0).get("data").get("status").asText()).isEqualTo("SUCCEEDED");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anInvalidPlanInJsonModeIsOneValidationLineOnStdout() throws IOException {
        // given
        Path plan = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                steps:
                  - id: nap
                    type: sleep
                    with: {duration: 1s, colour: red}
                """);

        for (String command : List.of("run", "validate", "dry-run")) {
            // when
            Result result = run(command, plan.toString(), "-o", "json");

            // then
            assertThat(result.status()).as(command).isEqualTo(2);
            assertThat(result.lines()).as(command).hasSize(1);
            JsonNode line = result.lines().get(0);
            assertThat(line.get("kind").asText()).isEqualTo("VALIDATION");
            assertThat(line.get("valid").asBoolean()).isFalse();
            JsonNode problem = line.get("problems").get(0);
            assertThat(problem.get("file").asText()).endsWith("bad.yaml");
            assertThat(problem.get("line").asInt()).isEqualTo(5);
            assertThat(problem.get("column").asInt()).isPositive();
            assertThat(problem.get("step_id").asText()).isEqualTo("nap");
            assertThat(problem.get("message").asText()).contains("colour");
            assertThat(result.err()).as("people still read it on stderr").contains("bad.yaml:5:");
        }
    }

    @Test
    void aValidPlanValidatesAsJson() throws IOException {
        Path plan = Files.writeString(dir.resolve("good.yaml"), """
                name: good
                steps:
                  - id: nap
                    type: sleep
                    with: {duration: 1ms}
                """);

        Result result = run("validate", plan.toString(), "--output", "json");

        assertThat(result.status()).isZero();
        assertThat(result.lines()).singleElement().satisfies(l -> {
            assertThat(l.get("valid").asBoolean()).isTrue();
            assertThat(l.get("problems")).isEmpty();
        });
    }

    @Test
    void anErrorBeforeTheRunIsAnErrorLine() throws IOException {
        Path plan = Files.writeString(dir.resolve("good.yaml"), "name: good\nsteps:\n  - {id: a, type: log, with: {message: hi}}\n");

        Result result = run("resume", "20990101-000000-none-0000", "--plan", plan.toString(), "-o", "json",
                "--state-dir", dir.resolve("state").toString());

        assertThat(result.status()).isNotZero();
        assertThat(result.lines()).singleElement().satisfies(l -> {
            assertThat(l.get("kind").asText()).isEqualTo("ERROR");
            assertThat(l.get("exit_status").asInt()).isEqualTo(result.status());
        });
    }

    @Test
    void theSchemaRejectsWhatTheContractRules() throws IOException {
        ObjectNode good = (ObjectNode) JSON.readTree("""
                {"schema_version":1,"kind":"ROLLBACK_STEP","at":"2026-01-01T00:00:00.123Z","run_id":"r","step_id":"a",
                 "message":"needs a person","elapsed_ms":0,"data":{"status":"NEEDS_PERSON"}}""");
        assertThat(problems(good)).isEmpty();

        ObjectNode lowerCase = good.deepCopy();
        ((ObjectNode) lowerCase.get("data")).put("status", "needs_person");
        ObjectNode noTime = good.deepCopy();
        noTime.remove("at");
        ObjectNode oldVersion = good.deepCopy();
        oldVersion.put("schema_version", 0);
        ObjectNode unknownField = good.deepCopy();
        unknownField.put("extra", 1);
        ObjectNode emptyRetry = (ObjectNode) JSON.readTree(good.toString().replace("ROLLBACK_STEP", "STEP_RETRYING"));
        emptyRetry.putObject("data");

        for (ObjectNode bad : List.of(lowerCase, noTime, oldVersion, unknownField, emptyRetry)) {
            assertThat(problems(bad)).as(bad.toString()).isNotEmpty();
        }
    }
}
