package io.stepwise.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.spi.action.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The three renderings of a dry-run: text for terminals, markdown for pull requests, JSON for tools. */
final class DryRunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Plan plan;
    private final Masker masker;
    private final Map<String, Object> inputs;
    private final Map<String, String> connections;
    private final List<DryRunner.DryRunStep> steps;

    DryRunReport(Plan plan, Masker masker, Map<String, Object> inputs, Map<String, String> connections,
            List<DryRunner.DryRunStep> steps) {
        this.plan = plan;
        this.masker = masker;
        this.inputs = inputs;
        this.connections = connections;
        this.steps = steps;
    }

    static String oneLine(Action action, Masker masker) {
        String line = action.kind() + " " + action.summary();
        String block = action.block().orElse("");
        if (!block.isEmpty()) {
            String flat = block.replaceAll("\\s+", " ").trim();
            line += ": " + (flat.length() > 200 ? flat.substring(0, 197) + "..." : flat);
        }
        return masker.mask(line);
    }

    /**
     * A placeholder path at the start of a path ({@code /<run.dir>}, a step's {@code /<mariadb.home>}): absolute so
     * that paths resolved against it stay as they are, shown without the slash.
     */
    private static final Pattern PLACEHOLDER_ROOT = Pattern.compile("(^|[\\s=:'\"(\\[,])/(<[a-z_]+(?:\\.[a-z_]+)+>)");

    /** Masked, with placeholder paths and the home directory written the short way, for stable output. */
    private String clean(String text) {
        String result = PLACEHOLDER_ROOT.matcher(masker.mask(text)).replaceAll("$1$2");
        String home = System.getProperty("user.home");
        return home == null || home.length() < 2 ? result : result.replace(home + "/", "~/");
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("Plan: ").append(plan.name()).append("  (").append(plan.source()).append(")\n");
        if (!plan.description().isBlank()) {
            out.append(indent(plan.description().strip(), "  ")).append('\n');
        }
        if (!inputs.isEmpty()) {
            out.append("Inputs:\n");
            inputs.forEach((k, v) -> out.append("  ").append(k).append(" = ").append(masker.mask(String.valueOf(v))).append('\n'));
        }
        if (!connections.isEmpty()) {
            out.append("Connections:\n");
            connections.forEach((k, v) -> out.append("  ").append(v).append('\n'));
        }
        out.append("On failure: ").append(plan.onFailure().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        for (DryRunner.DryRunStep step : steps) {
            out.append('\n').append(stepText(step, steps.size()));
        }
        return out.toString();
    }

    List<DryRunner.DryRunStep> steps() {
        return steps;
    }

    String stepText(DryRunner.DryRunStep step, int total) {
        StringBuilder out = new StringBuilder();
        {
            StepDef def = step.def();
            out.append('[').append(step.number()).append('/').append(total).append("] ")
                    .append(def.id()).append("  (").append(def.type()).append(")").append(def.background() ? "  background" : "")
                    .append('\n');
            if (!def.description().isBlank()) {
                out.append(indent(def.description().strip(), "    ")).append('\n');
            }
            for (String line : settings(step)) {
                out.append("    ").append(line).append('\n');
            }
            for (Action action : step.actions()) {
                out.append("    ").append(clean(action.kind() + " " + action.summary()));
                String block = action.block().map(this::clean).orElse("");
                out.append(block.isEmpty() ? "\n" : ":\n" + indent(block.stripTrailing(), "        ") + "\n");
            }
            if (!step.captures().isEmpty()) {
                out.append("    captures:\n");
                step.captures().forEach((k, v) -> out.append("        ").append(k).append(" = ").append(v).append('\n'));
            }
            out.append("    rollback: ").append(step.rollback().isEmpty() ? "none" : clean(step.rollback().get(0))).append('\n');
            step.rollback().stream().skip(1).forEach(l -> out.append("        ").append(clean(l)).append('\n'));
        }
        return out.toString();
    }

    private static List<String> settings(DryRunner.DryRunStep step) {
        StepDef def = step.def();
        List<String> lines = new ArrayList<>();
        if (step.when() != null) {
            lines.add("when: " + step.when() + "  -> " + step.decision());
        }
        if (step.confirm() != null) {
            lines.add("confirm: " + step.confirm());
        }
        if (def.retry().attempts() > 1) {
            lines.add("retry: " + def.retry().attempts() + " attempts, " + Durations.format(def.retry().delay()) + " apart"
                    + (def.retry().backoff() > 1 ? " (x" + def.retry().backoff() + " each time)" : ""));
        }
        def.until().ifPresent(u -> lines.add("until: " + u.value() + "  every " + Durations.format(def.interval())));
        def.timeout().ifPresent(t -> lines.add("timeout: " + Durations.format(t)));
        return lines;
    }

    /** Markdown a pull request shows as dry-run prints it: values in code, prose escaped (see {@link Markdown}). */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Dry-run: ").append(Markdown.inline(plan.name())).append("\n\n");
        out.append("Plan file: ").append(Markdown.code(plan.source().toString())).append("  \n");
        out.append("On failure: **").append(plan.onFailure().name().toLowerCase(java.util.Locale.ROOT)).append("**\n\n");
        if (!plan.description().isBlank()) {
            out.append(Markdown.text(plan.description())).append("\n\n");
        }
        if (!inputs.isEmpty()) {
            out.append("| input | value |\n|---|---|\n");
            inputs.forEach((k, v) -> out.append("| ").append(Markdown.textCell(k)).append(" | ")
                    .append(Markdown.codeCell(masker.mask(String.valueOf(v)))).append(" |\n"));
            out.append('\n');
        }
        if (!connections.isEmpty()) {
            out.append("Connections:\n\n");
            connections.values().forEach(v -> out.append("- ").append(Markdown.code(v)).append('\n'));
            out.append('\n');
        }
        for (DryRunner.DryRunStep step : steps) {
            out.append(stepMarkdown(step));
        }
        return out.toString();
    }

    private String stepMarkdown(DryRunner.DryRunStep step) {
        StringBuilder out = new StringBuilder();
        StepDef def = step.def();
        out.append("## ").append(step.number()).append(". ").append(Markdown.code(def.id())).append(" (")
                .append(Markdown.inline(def.type())).append(")").append(def.background() ? " background" : "").append("\n\n");
        if (!def.description().isBlank()) {
            out.append(Markdown.text(def.description())).append("\n\n");
        }
        List<String> settings = markdownSettings(step);
        settings.forEach(l -> out.append("- ").append(l).append('\n'));
        if (!settings.isEmpty()) {
            out.append('\n');
        }
        for (Action action : step.actions()) {
            String summary = clean(action.summary());
            out.append("**").append(Markdown.inline(action.kind())).append("** ").append(Markdown.code(summary)).append("\n\n");
            action.block().map(this::clean).filter(b -> !b.isBlank())
                    .ifPresent(b -> out.append(Markdown.block(action.blockLanguage(), b.stripTrailing())).append('\n'));
        }
        if (!step.captures().isEmpty()) {
            out.append("Captures:\n\n");
            step.captures().forEach((k, v) -> out.append("- ").append(Markdown.code(k)).append(" = ")
                    .append(Markdown.code(v)).append('\n'));
            out.append('\n');
        }
        out.append("Rollback: ").append(step.rollback().isEmpty() ? "none" : rollbackMarkdown(step.rollback())).append("\n\n");
        return out.toString();
    }

    /** Rollback lines: headers (an undo step, the type undoing itself) as text, the actions indented under them as code. */
    private String rollbackMarkdown(List<String> lines) {
        List<String> parts = new ArrayList<>();
        for (String line : lines) {
            String cleaned = clean(line);
            parts.add(line.startsWith("  ") ? Markdown.code(cleaned.strip()) : Markdown.inline(cleaned));
        }
        return String.join("; ", parts).replace(":; ", ": ");
    }

    private static List<String> markdownSettings(DryRunner.DryRunStep step) {
        StepDef def = step.def();
        List<String> lines = new ArrayList<>();
        if (step.when() != null) {
            lines.add("when: " + Markdown.code(step.when()) + " -> " + Markdown.inline(step.decision()));
        }
        if (step.confirm() != null) {
            lines.add("confirm: " + Markdown.inline(step.confirm()));
        }
        if (def.retry().attempts() > 1) {
            lines.add(Markdown.inline("retry: " + def.retry().attempts() + " attempts, " + Durations.format(def.retry().delay())
                    + " apart" + (def.retry().backoff() > 1 ? " (x" + def.retry().backoff() + " each time)" : "")));
        }
        def.until().ifPresent(u -> lines.add("until: " + Markdown.code(String.valueOf(u.value())) + " every "
                + Markdown.inline(Durations.format(def.interval()))));
        def.timeout().ifPresent(t -> lines.add(Markdown.inline("timeout: " + Durations.format(t))));
        return lines;
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plan", plan.name());
        root.put("file", plan.source().toString());
        root.put("on_failure", plan.onFailure().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> shownInputs = new LinkedHashMap<>();
        inputs.forEach((k, v) -> shownInputs.put(k, v instanceof Number || v instanceof Boolean ? v : masker.mask(String.valueOf(v))));
        root.put("inputs", shownInputs);
        root.put("connections", connections);
        List<Object> list = new ArrayList<>();
        for (DryRunner.DryRunStep step : steps) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("number", step.number());
            s.put("id", step.def().id());
            s.put("type", step.def().type());
            s.put("description", step.def().description());
            if (step.when() != null) {
                s.put("when", Map.of("expression", step.when(), "decision", step.decision()));
            }
            if (step.confirm() != null) {
                s.put("confirm", step.confirm());
            }
            s.put("background", step.def().background());
            List<Object> actions = new ArrayList<>();
            for (Action action : step.actions()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("kind", action.kind());
                a.put("summary", clean(action.summary()));
                a.putAll(action.fields());
                actions.add(cleanValue(masker.maskValue(a)));
            }
            s.put("actions", actions);
            s.put("captures", step.captures());
            s.put("outputs", step.outputs());
            s.put("rollback", step.rollback());
            list.add(s);
        }
        root.put("steps", list);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object cleanValue(Object value) {
        if (value instanceof String text) {
            return clean(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), cleanValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(cleanValue(v)));
            return out;
        }
        return value;
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
