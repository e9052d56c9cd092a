package io.stepwise.cli;

import static io.stepwise.cli.FakeEngine.event;
import static io.stepwise.cli.FakeEngine.report;
import static io.stepwise.cli.FakeEngine.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.api.RunEvent.Kind;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
    private final ObjectMapper json = new ObjectMapper();
    private final CliHarness cli = new CliHarness();

    private List<JsonNode> parse(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void everyLineIsOneJsonObjectAndTheLastIsTheRunReport() throws Exception {
        // given
        cli.terminal = new TerminalInfo(true, true, true, () -> 80);
        cli.engine.behaviour = FakeEngine.emitting(
                report(RunStatus.FAILED,
                        step("backup", "br.backup", StepStatus.COMPLETED, 12_300, Map.of("backup_ts", "2025-01-01")),
                        step("restore", "exec", StepStatus.FAILED, 1_500, Map.of())),
                event(Kind.RUN_STARTED, null, "demo", 0, "total", 2),
                event(Kind.STEP_STARTED, "backup", "", 0, "type", "br.backup", "since", Duration.ofSeconds(2),
                        "where", Path.of("/tmp/x"), "nested", Map.of("list", List.of(1, 2.5, "x"))),
                event(Kind.STEP_PROGRESS, "backup", "waiting \"quoted\"\nnext line", 2_000),
                event(Kind.STEP_COMPLETED, "backup", "", 12_300),
                event(Kind.STEP_FAILED, "restore", "exit code 3", 1_500),
                event(Kind.RUN_FINISHED, null, "", 13_800));

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml", "--output", "json");

        // then
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).doesNotContain("\r").doesNotContain("\u001b");
        List<JsonNode> lines = parse(result.out());
        assertThat(lines).hasSize(7);
        assertThat(lines).extracting(n -> n.get("kind").asText()).containsExactly("RUN_STARTED", "STEP_STARTED",
                "STEP_PROGRESS", "STEP_COMPLETED", "STEP_FAILED", "RUN_FINISHED", "RUN_REPORT");
        JsonNode started = lines.get(1);
        assertThat(started.fieldNames()).toIterable()
                .containsExactly("schema_version", "kind", "at", "run_id", "step_id", "message", "elapsed_ms", "data");
        assertThat(started.get("schema_version").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(started.get("at").asText())).isNotNull();
        assertThat(started.get("run_id").asText()).isEqualTo("r1");
        assertThat(started.get("step_id").asText()).isEqualTo("backup");
        assertThat(started.get("data").get("since").asLong()).isEqualTo(2000);
        assertThat(started.get("data").get("where").asText()).isEqualTo("/tmp/x");
        assertThat(started.get("data").get("nested").get("list").get(1).asDouble()).isEqualTo(2.5);
        assertThat(lines.get(0).get("step_id").isNull()).isTrue();
        assertThat(lines.get(2).get("message").asText()).isEqualTo("waiting \"quoted\"\nnext line");
        assertThat(lines.get(2).get("elapsed_ms").asLong()).isEqualTo(2000);
        JsonNode report = lines.get(6);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("steps").get(0).get("outputs").get("backup_ts").asText()).isEqualTo("2025-01-01");
        assertThat(report.get("steps").get(1).get("error").asText()).isEqualTo("exit code 3 from /bin/false");
        assertThat(report.get("next_commands").get(0).asText()).isEqualTo("stepwise resume r1");
    }

    @Test
    void statusCanBeReadAsJson() throws Exception {
        // given
        cli.engine.runs = List.of(report(RunStatus.SUCCEEDED), report(RunStatus.FAILED));

        // when
        CliHarness.Result result = cli.run("status", "--all", "--output", "json");

        // then
        assertThat(parse(result.out())).extracting(n -> n.get("status").asText()).containsExactly("SUCCEEDED", "FAILED");
    }
}
