package io.stepwise.cli;

import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a run for people, and the body of {@code stepwise status}: a table of the steps with
 * their captured values (already masked by the engine, cut when long), the errors, and the
 * commands to type next.
 */
final class RunSummary {
    static final int VALUE_WIDTH = 60;
    /** Captured values shown per step; {@code stepwise status --output json} has them all. */
    static final int VALUES_PER_STEP = 5;

    private RunSummary() {
    }

    static List<String> render(RunReport report, Style style, List<NextCommand> next) {
        List<String> lines = new ArrayList<>(stepTable(report, style));
        for (StepReport step : report.steps()) {
            if (step.error() != null && step.error().isPresent()) {
                lines.add(indentedError(step, style));
            }
        }
        List<String> needsPerson = report.steps().stream().filter(s -> s.status() == StepStatus.NEEDS_PERSON)
                .map(StepReport::id).toList();
        if (!needsPerson.isEmpty()) {
            lines.add(style.warning("Needs a person") + " (nothing declared to undo it): "
                    + String.join(", ", needsPerson));
        }
        report.notes().forEach(note -> lines.add("Note: " + note));
        lines.add(headline(report, style));
        disk(report).ifPresent(lines::add);
        int width = next.stream().mapToInt(n -> n.purpose().length()).max().orElse(0);
        for (NextCommand command : next) {
            lines.add(command.purpose() + ":" + " ".repeat(width - command.purpose().length() + 2)
                    + command.command());
        }
        return lines;
    }

    /** How much disk the run holds and where, so it never piles up unseen. */
    static Optional<String> disk(RunReport report) {
        if (report.runDir() == null || !Files.isDirectory(report.runDir())) {
            return Optional.empty();
        }
        boolean over = report.status() == RunStatus.SUCCEEDED || report.status() == RunStatus.ROLLED_BACK;
        long bytes = Bytes.under(report.runDir());
        boolean prunable = bytes - Bytes.under(report.runDir().resolve("journal.jsonl"))
                - Bytes.under(report.runDir().resolve("plan.yaml")) > 1_000_000;
        return Optional.of("The run holds " + Bytes.format(bytes) + " in " + report.runDir()
                + (over && prunable ? " (stepwise prune frees it, keeping the journal)." : "."));
    }

    static List<String> stepTable(RunReport report, Style style) {
        if (report.steps().isEmpty()) {
            return List.of();
        }
        TextTable table = new TextTable("STEP", "TYPE", "STATUS", "DURATION", "CAPTURED");
        for (StepReport step : report.steps()) {
            List<String> captured = captured(capturedValues(step), style);
            String duration = step.duration() == null || step.status() == StepStatus.PENDING ? ""
                    : Elapsed.format(step.duration());
            String status = statusWord(step.status()) + (step.attempts() > 1 ? " (" + step.attempts() + " tries)" : "");
            table.row(step.id(), nullToEmpty(step.type()), status, duration, captured.isEmpty() ? "" : captured.get(0));
            for (String more : captured.subList(Math.min(1, captured.size()), captured.size())) {
                table.row("", "", "", "", more);
            }
        }
        return table.lines();
    }

    static String statusWord(StepStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String statusWord(RunStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** What the plan captured; a step that captured nothing shows nothing (its outputs are in status). */
    private static Map<String, Object> capturedValues(StepReport step) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        step.captures().forEach(name -> values.put(name, step.outputs().get(name)));
        return values;
    }

    /** Values worth a look: not null, not empty; the rest of a long list is counted, not shown. */
    private static List<String> captured(Map<String, Object> outputs, Style style) {
        List<String> cells = new ArrayList<>();
        int hidden = 0;
        for (Map.Entry<String, Object> output : outputs.entrySet()) {
            Object value = output.getValue();
            if (value == null || value instanceof String text && text.isBlank()) {
                continue;
            }
            if (cells.size() == VALUES_PER_STEP) {
                hidden++;
                continue;
            }
            cells.add(style.truncate(output.getKey() + " = " + Values.display(value), VALUE_WIDTH));
        }
        if (hidden > 0) {
            cells.add(style.ellipsis() + " " + hidden + " more");
        }
        return cells;
    }

    private static String indentedError(StepReport step, Style style) {
        String error = step.error().orElse("").strip().replaceAll("\\s*\\R\\s*", " ");
        return "  " + style.failed() + " " + step.id() + ": " + error;
    }

    private static String headline(RunReport report, Style style) {
        long done = report.steps().stream().filter(s -> s.status().isDone()).count();
        String progress = done + " of " + report.steps().size() + " steps done";
        String run = "Run " + report.runId();
        return switch (report.status()) {
            case SUCCEEDED -> style.bold(run + " succeeded") + " (" + progress + ").";
            case FAILED -> style.error(run + " failed") + failedStep(report) + " (" + progress + ").";
            case INTERRUPTED -> style.warning(run + " was interrupted") + " (" + progress + ").";
            case ROLLED_BACK -> style.warning(run + " was rolled back") + ".";
            case ROLLBACK_INCOMPLETE -> style.error(run + ": the rollback is incomplete") + ".";
            case RUNNING -> style.bold(run + " is running") + " (" + progress + ").";
        };
    }

    private static String failedStep(RunReport report) {
        return report.steps().stream().filter(s -> s.status() == StepStatus.FAILED).findFirst()
                .map(s -> " at step '" + s.id() + "'").orElse("");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
