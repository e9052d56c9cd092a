package io.stepwise.steps.cdc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A changefeed's state and checkpoint as TiCDC reports them. The API's {@code ChangeFeedInfo} and
 * status route say {@code checkpoint_ts}; the list item and {@code cli changefeed query -s} say
 * {@code checkpoint_tso}; older CLI output says {@code tso} and {@code checkpoint} (tidb-tooling.md
 * 1.3 and 2.2). All are read.
 */
public record ChangefeedState(String id, String state, Optional<Long> checkpointTs, Optional<String> checkpointTime,
        Optional<Long> resolvedTs, Optional<String> error, Optional<String> redoLevel) {

    @SuppressWarnings("unchecked")
    public static ChangefeedState from(String id, Map<String, Object> json) {
        Map<String, Object> body = json.get("summary") instanceof Map<?, ?> summary
                ? new LinkedHashMap<>((Map<String, Object>) summary) : json;
        String state = String.valueOf(body.getOrDefault("state", "unknown"));
        Optional<Long> checkpoint = number(body.get("checkpoint_ts"))
                .or(() -> number(body.get("checkpoint_tso")))
                .or(() -> number(body.get("tso")))
                .or(() -> number(json.get("checkpoint_tso")));
        Optional<String> time = text(body.get("checkpoint_time")).or(() -> text(body.get("checkpoint")));
        Optional<String> redo = Optional.empty();
        if (json.get("config") instanceof Map<?, ?> config && config.get("consistent") instanceof Map<?, ?> c) {
            redo = text(c.get("level"));
        }
        Object err = body.get("error") != null ? body.get("error") : body.get("last_error");
        Optional<String> error = Optional.empty();
        if (err instanceof Map<?, ?> e) {
            error = Optional.of(e.get("code") + ": " + e.get("message"));
        } else if (err != null && !String.valueOf(err).isBlank()) {
            error = Optional.of(String.valueOf(err));
        }
        return new ChangefeedState(String.valueOf(json.getOrDefault("id", id)), state, checkpoint, time,
                number(body.get("resolved_ts")), error, redo);
    }

    public Map<String, Object> toValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("changefeed_id", id);
        values.put("state", state);
        values.put("checkpoint_ts", checkpointTs.orElse(null));
        values.put("checkpoint_time", checkpointTime.orElse(null));
        values.put("resolved_ts", resolvedTs.orElse(null));
        values.put("error", error.orElse(null));
        redoLevel.ifPresent(level -> values.put("redo_level", level));
        return values;
    }

    private static Optional<Long> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value != null && String.valueOf(value).matches("\\d+")) {
            return Optional.of(Long.parseLong(String.valueOf(value)));
        }
        return Optional.empty();
    }

    private static Optional<String> text(Object value) {
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }
}
