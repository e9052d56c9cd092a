package io.stepwise.engine.internal;

import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds run reports from a replayed state; every value in them is masked. */
final class Reports {
    private Reports() {
    }

    @SuppressWarnings("unchecked")
    static RunReport of(Plan plan, RunState state, Path runDir, Masker masker) {
        List<StepReport> steps = new ArrayList<>();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (plan != null) {
            plan.steps().forEach(s -> ids.add(s.id()));
        } else {
            ids.addAll(state.header().stepChecksums().keySet());
            ids.addAll(state.stepIds());
        }
        for (String id : ids) {
            String type = plan == null ? state.header().stepTypes().getOrDefault(id, "")
                    : plan.step(id).map(StepDef::type).orElse("");
            StepState step = state.step(id);
            Map<String, Object> outputs = (Map<String, Object>) masker.maskValue(step.values());
            Optional<String> error = step.error().map(masker::mask);
            List<String> captures = plan == null ? state.header().captures().getOrDefault(id, List.of())
                    : plan.step(id).map(s -> List.copyOf(s.capture().keySet())).orElse(List.of());
            steps.add(new StepReport(id, type, step.status(), step.attempts(), step.duration(), outputs, error, captures));
        }
        RunStatus status = state.finished().orElse(RunStatus.RUNNING);
        String file = state.header().planFile();
        Path planFile = Path.of(file.isEmpty() ? "?" : file);
        List<String> notes = new ArrayList<>(state.notes());
        notes.addAll(resourceNotes(state));
        return new RunReport(state.runId(), state.header().planName(), planFile, runDir, status, steps, notes);
    }

    /** What is still running of a run that has not ended: its resources, as the journal last saw them. */
    private static List<String> resourceNotes(RunState state) {
        if (state.finished().isPresent() && state.finished().get() != RunStatus.RUNNING) {
            return state.resources().stream().filter(r -> r.lifecycle() == ResourceState.Lifecycle.RUNNING && r.keep())
                    .map(r -> "kept running after the run: " + r.describe()).toList();
        }
        return List.of();
    }
}
