package io.stepwise.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.StepDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A checksum of each step's definition, so resume can say exactly which steps were edited. */
final class StepChecksums {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private StepChecksums() {
    }

    static Map<String, String> of(Plan plan) {
        Map<String, String> sums = new LinkedHashMap<>();
        plan.steps().forEach(s -> sums.put(s.id(), of(s)));
        return sums;
    }

    static String of(StepDef step) {
        try {
            return PlanLoader.digest(JSON.writeValueAsString(describe(step))).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> describe(StepDef step) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", step.type());
        d.put("with", step.with().toPlain());
        step.when().ifPresent(w -> d.put("when", w.value()));
        step.until().ifPresent(u -> d.put("until", u.value()));
        Map<String, Object> capture = new LinkedHashMap<>();
        step.capture().forEach((k, v) -> capture.put(k, v.value()));
        d.put("capture", capture);
        d.put("retry", List.of(step.retry().attempts(), step.retry().delay().toMillis(), step.retry().backoff()));
        step.timeout().ifPresent(t -> d.put("timeout", t.toMillis()));
        d.put("interval", step.interval().toMillis());
        step.confirm().ifPresent(c -> d.put("confirm", c));
        d.put("background", step.background());
        d.put("rollback", step.rollback().stream().map(StepChecksums::describe).toList());
        return d;
    }
}
