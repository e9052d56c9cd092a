package io.stepwise.cli;

import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.StepwiseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON lines written when nothing ran: a plan's problems ({@code VALIDATION}) or an error ({@code ERROR}). */
final class ValidationJson {
    private ValidationJson() {
    }

    static Map<String, Object> line(String plan, List<Problem> problems) {
        Map<String, Object> line = JsonReporter.header("VALIDATION", Instant.now());
        line.put("file", plan);
        line.put("valid", problems.isEmpty());
        List<Object> items = new ArrayList<>();
        for (Problem problem : problems) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", problem.position().file());
            item.put("line", problem.position().line());
            item.put("column", problem.position().column());
            item.put("step_id", problem.stepId().orElse(null));
            item.put("step_type", problem.stepType().orElse(null));
            item.put("message", problem.message());
            item.put("hint", problem.hint().orElse(null));
            item.put("text", problem.format());
            items.add(item);
        }
        line.put("problems", items);
        return line;
    }

    static Map<String, Object> error(StepwiseException failure) {
        Map<String, Object> line = JsonReporter.header("ERROR", Instant.now());
        line.put("code", failure.code().name().toLowerCase(Locale.ROOT));
        line.put("exit_status", failure.code().exitStatus());
        line.put("message", failure.getMessage());
        line.put("hint", failure.hint().orElse(null));
        return line;
    }
}
