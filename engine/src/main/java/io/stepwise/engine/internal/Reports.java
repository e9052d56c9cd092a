package io.stepwise.engine.internal;

import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
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
        List<String> ids = new ArrayList<>();
        if (plan != null) {
            plan.steps().forEach(s -> ids.add(s.id()));
        } else {
            ids.addAll(state.stepChecksums.keySet());
            state.statuses.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        }
        for (String id : ids) {
            String type = plan == null ? "" : plan.step(id).map(StepDef::type).orElse("");
            StepStatus status = state.status(id);
            Map<String, Object> outputs = (Map<String, Object>) masker.maskValue(state.values.getOrDefault(id, Map.of()));
            Optional<String> error = Optional.ofNullable(state.errors.get(id)).map(masker::mask);
            List<String> captures = plan == null ? List.of()
                    : plan.step(id).map(s -> List.copyOf(s.capture().keySet())).orElse(List.of());
            steps.add(new StepReport(id, type, status, state.attempts.getOrDefault(id, 0),
                    state.durations.getOrDefault(id, Duration.ZERO), outputs, error, captures));
        }
        RunStatus status = state.finished.orElse(RunStatus.RUNNING);
        Path planFile = Path.of(state.planFile.isEmpty() ? "?" : state.planFile);
        return new RunReport(state.runId, state.planName, planFile, runDir, status, steps, state.notes);
    }
}
