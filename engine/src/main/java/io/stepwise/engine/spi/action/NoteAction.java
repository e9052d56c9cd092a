package io.stepwise.engine.spi.action;

import java.util.Map;
import java.util.Objects;

/** Something the step does inside the run (print, wait, check), described for dry-run. */
public record NoteAction(String text) implements Action {
    public NoteAction {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String kind() {
        return "note";
    }

    @Override
    public String summary() {
        return text;
    }

    @Override
    public Map<String, Object> fields() {
        return Map.of("text", text);
    }
}
