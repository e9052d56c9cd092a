package io.stepwise.engine.internal;

import io.stepwise.engine.api.ConnectionDef;
import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.internal.expr.ExpressionException;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.internal.expr.Deferred;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.Truth;
import io.stepwise.engine.spi.Secrets;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders what a run would do, step by step, without opening a connection or starting a process:
 * each step's planned actions with inputs substituted, secrets masked and run-time values shown by
 * their source. The output has no timestamps, so it can be committed and reviewed.
 */
final class DryRunner {
    private final Plan plan;
    private final StepRegistry registry;
    private final ExpressionEngine expressions;
    private final Masker masker;
    private final RunScope scope;
    private final Resolver resolver;
    private final StandIns standIns;
    private final Map<String, Long> ports = new java.util.HashMap<>();

    DryRunner(Plan plan, StepRegistry registry, ExpressionEngine expressions) {
        this(plan, registry, expressions, new RunScope(System.getenv()), new Masker());
    }

    /** Over a given scope and masker: the shell's view of one step with the values known now. */
    DryRunner(Plan plan, StepRegistry registry, ExpressionEngine expressions, RunScope scope, Masker masker) {
        this.plan = plan;
        this.registry = registry;
        this.expressions = expressions;
        this.scope = scope;
        this.masker = masker.forDryRun();
        this.resolver = new Resolver(expressions, scope, this.masker);
        this.standIns = new StandIns(this.masker, planText(plan));
    }

    private static String planText(Plan plan) {
        try {
            return java.nio.file.Files.readString(plan.source());
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** One step as text, with the scope as it stands. */
    String renderStep(StepDef step, int index) {
        DryRunStep view = step(step, index);
        return new DryRunReport(plan, masker, Map.of(), Map.of(), List.of(view)).stepText(view, plan.steps().size());
    }

    String render(Map<String, String> given, DryRunFormat format) {
        DryRunReport report = report(given);
        return switch (format) {
            case TEXT -> report.text();
            case MARKDOWN -> report.markdown();
            case JSON -> report.json();
        };
    }

    /** Each step's text as {@code dry-run} prints it, by step id, without its position ({@code [3/30]}). */
    Map<String, String> stepTexts(Map<String, String> given) {
        DryRunReport report = report(given);
        Map<String, String> texts = new LinkedHashMap<>();
        for (DryRunStep step : report.steps()) {
            texts.put(step.def().id(), report.stepText(step, plan.steps().size()).replaceFirst("^\\[\\d+/\\d+\\] ", ""));
        }
        return texts;
    }

    private DryRunReport report(Map<String, String> given) {
        Map<String, Object> inputs = inputs(given);
        scope.setRun("id", new Deferred("run.id"));
        scope.setRun("dir", new Deferred("run.dir"));
        scope.setRun("plan", plan.name());
        scope.setRun("started", new Deferred("run.started"));
        plan.steps().forEach(s -> scope.deferStep(s.id()));
        Map<String, String> connections = new LinkedHashMap<>();
        plan.connections().keySet().forEach(name -> connections.put(name, masker.mask(connection(name).describe())));
        List<DryRunStep> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            steps.add(step(plan.steps().get(i), i));
            scope.deferStep(plan.steps().get(i).id());
        }
        return new DryRunReport(plan, masker, inputs, connections, steps);
    }

    private Map<String, Object> inputs(Map<String, String> given) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (InputDef input : plan.inputs().values()) {
            Object raw = InputValues.given(input, given);
            Object value = raw == null ? new Deferred("inputs." + input.name()) : InputValues.convert(input, raw);
            if (input.secret() && raw != null) {
                masker.add(value);
            }
            scope.setInput(input.name(), value);
            shown.put(input.name(), input.secret() && raw != null ? Secrets.MASK : value);
        }
        return shown;
    }

    private ConnectionInfo connection(String name) {
        ConnectionDef def = plan.connections().get(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) resolver.resolve(def.settings(), null);
        if (settings.get("password") != null && !(settings.get("password") instanceof Deferred)) {
            masker.add(settings.get("password"));
        }
        Map<String, Object> known = new LinkedHashMap<>();
        settings.forEach((key, value) -> known.put(key, value instanceof Deferred d && key.equals("port")
                ? ports.computeIfAbsent(d.source(), s -> standIns.number(1, 65_535, d)) : StandIns.inText(value)));
        return new ConnectionInfo(name, def.type(), known);
    }

    private DryRunStep step(StepDef step, int index) {
        String when = null;
        String decision = "run";
        if (step.when().isPresent()) {
            when = String.valueOf(step.when().get().value());
            try {
                Object holds = resolver.condition(step.when().get(), null);
                decision = holds instanceof Deferred d ? "undecided (depends on " + d + ")"
                        : Truth.of(holds) ? "run" : "skip";
            } catch (ExpressionException e) {
                decision = "error: " + e.getMessage();
            }
        }
        String confirm = step.confirm().map(c -> String.valueOf(resolver.text(c, null))).orElse(null);
        StepType<?> type = registry.get(step.type());
        List<Action> actions = planActions(type, step, step.id());
        Map<String, String> captures = new LinkedHashMap<>();
        step.capture().forEach((k, v) -> captures.put(k, String.valueOf(v.value())));
        scope.deferStep(step.id());
        List<String> rollback = rollback(step, type);
        return new DryRunStep(index + 1, step, decision, when, confirm, actions, captures, rollback,
                type.outputs().stream().map(o -> o.name()).toList());
    }

    private List<Action> planActions(StepType<?> type, StepDef step, String path) {
        Map<String, Object> values;
        try {
            values = resolver.resolveParams(type.parameters(), step.with(), path, null);
        } catch (ExpressionException e) {
            return List.of(new NoteAction("cannot resolve parameters: " + e.getMessage()));
        }
        standIns.drainAssumptions();
        List<Action> actions = plan(type, new ResolvedParams(path, type.parameters(), values, this::connection, standIns), step);
        List<String> assumed = standIns.drainAssumptions();
        if (assumed.isEmpty()) {
            return actions;
        }
        List<Action> withAssumptions = new ArrayList<>();
        assumed.forEach(a -> withAssumptions.add(new NoteAction(a)));
        withAssumptions.addAll(actions);
        return withAssumptions;
    }

    private <C> List<Action> plan(StepType<C> type, ResolvedParams params, StepDef step) {
        try {
            C config = StepBinding.checkedBind(type, params.inBackground(step.background()));
            return type.plan(config, new DryRunContext(step.id(), step.background(), masker, this::connection));
        } catch (RuntimeException e) {
            return List.of(new NoteAction("cannot plan this step: " + e.getMessage()));
        }
    }

    private List<String> rollback(StepDef step, StepType<?> type) {
        List<String> lines = new ArrayList<>();
        if (!step.rollback().isEmpty()) {
            for (StepDef undo : step.rollback()) {
                StepType<?> undoType = registry.get(undo.type());
                lines.add(undo.id() + " (" + undo.type() + ")");
                planActions(undoType, undo, undo.id()).forEach(a -> lines.add("  " + DryRunReport.oneLine(a, masker)));
            }
            return lines;
        }
        return typeRollback(step, type);
    }

    private <C> List<String> typeRollback(StepDef step, StepType<C> type) {
        try {
            Map<String, Object> values = resolver.resolveParams(type.parameters(), step.with(), step.id(), null);
            C config = StepBinding.checkedBind(type, new ResolvedParams(step.id(), type.parameters(), values,
                    this::connection, standIns).inBackground(step.background()));
            standIns.drainAssumptions();
            Reversibility reversibility = type.reversibility(config);
            if (reversibility == Reversibility.NOTHING_TO_UNDO) {
                return List.of("nothing to undo");
            }
            if (reversibility == Reversibility.NEEDS_PERSON) {
                return List.of("needs a person (" + type.name() + " cannot undo itself; add rollback: to the step)");
            }
            StepResult deferred = new StepResult(RunScope.DeferredValues.asText("steps." + step.id()));
            List<String> lines = new ArrayList<>();
            lines.add("by " + type.name() + ":");
            type.planRollback(config, deferred, new DryRunContext(step.id(), false, masker, this::connection))
                    .forEach(a -> lines.add("  " + DryRunReport.oneLine(a, masker)));
            return lines;
        } catch (RuntimeException e) {
            return List.of("decided at run time");
        }
    }

    /** A step's dry-run view. */
    record DryRunStep(int number, StepDef def, String decision, String when, String confirm, List<Action> actions,
            Map<String, String> captures, List<String> rollback, List<String> outputs) {
    }

    /** Absolute, so a step that resolves paths against it leaves it as it is; the report shows it as {@code <run.dir>}. */
    static Path runDirPlaceholder() {
        return Path.of("/<run.dir>");
    }

    /** The plan's directory as dry-run shows it ({@code <plan.dir>}): the same output wherever the plan lies. */
    static Path planDirPlaceholder() {
        return Path.of("/<plan.dir>");
    }
}
