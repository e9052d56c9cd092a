package io.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.StepReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --output json}: one JSON object per line and per event
 * ({@code schema_version, kind, at, run_id, step_id, message, elapsed_ms, data}), then a
 * {@code RUN_REPORT} line. The contract is {@code schemas/events.schema.json}; a change that breaks a
 * reader of it raises {@link #SCHEMA_VERSION}.
 */
final class JsonReporter implements RunRenderer {
    /** The version of {@code schemas/events.schema.json} these lines follow. */
    static final int SCHEMA_VERSION = 1;
    private final PrintWriter out;

    JsonReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        Map<String, Object> line = header(event.kind().name(), event.at());
        line.put("run_id", event.runId());
        line.put("step_id", event.stepId().orElse(null));
        line.put("message", event.message());
        line.put("elapsed_ms", event.elapsed().toMillis());
        line.put("data", Values.plain(event.data()));
        print(line);
    }

    @Override
    public synchronized void finish(RunReport report, List<NextCommand> next) {
        print(reportLine(report, next));
    }

    static Map<String, Object> reportLine(RunReport report, List<NextCommand> next) {
        Map<String, Object> line = header("RUN_REPORT", Instant.now());
        line.put("run_id", report.runId());
        line.put("plan", report.planName());
        line.put("plan_file", report.planFile() == null ? null : report.planFile().toString());
        line.put("run_dir", report.runDir() == null ? null : report.runDir().toString());
        line.put("status", report.status().name());
        List<Object> steps = new ArrayList<>();
        for (StepReport step : report.steps()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", step.id());
            item.put("type", step.type());
            item.put("status", step.status().name());
            item.put("attempts", step.attempts());
            item.put("duration_ms", step.duration() == null ? 0 : step.duration().toMillis());
            item.put("outputs", Values.plain(step.outputs()));
            item.put("error", step.error() == null ? null : step.error().orElse(null));
            steps.add(item);
        }
        line.put("steps", steps);
        line.put("notes", report.notes());
        line.put("next_commands", next.stream().map(NextCommand::command).toList());
        return line;
    }

    /** What every line starts with: the schema version, the kind, the wall-clock time (ISO-8601, UTC). */
    static Map<String, Object> header(String kind, Instant at) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("schema_version", SCHEMA_VERSION);
        line.put("kind", kind);
        line.put("at", at.toString());
        return line;
    }

    /** Prints one line outside a run (validation, an error before the run began). */
    static void printLine(PrintWriter out, Map<String, Object> line) {
        try {
            out.println(Values.JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a line as JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }

    private void print(Map<String, Object> line) {
        printLine(out, line);
    }
}
