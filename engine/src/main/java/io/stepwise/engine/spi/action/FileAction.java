package io.stepwise.engine.spi.action;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A file the step writes, such as a generated tool configuration. */
public record FileAction(Path path, String content, String language) implements Action {
    public FileAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        language = language == null ? "text" : language;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public String summary() {
        return "write " + path;
    }

    @Override
    public Optional<String> block() {
        return Optional.of(content);
    }

    @Override
    public String blockLanguage() {
        return language;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", path.toString());
        fields.put("content", content);
        return fields;
    }
}
