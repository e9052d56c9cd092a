package io.stepwise.engine.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan connection with its settings resolved (in dry-run, the engine stands in for values only the run knows).
 * Passwords are kept here for the real executor; renderers show {@link #describe()} only.
 */
public record ConnectionInfo(String name, String type, Map<String, Object> settings) {
    public ConnectionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public Optional<Object> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public String string(String key, String fallback) {
        Object value = settings.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    /** A short, password-free description such as {@code primary (mysql root@127.0.0.1:4000/test)}. */
    public String describe() {
        if ("mysql".equals(type)) {
            return name + " (mysql " + string("user", "root") + "@" + string("host", "127.0.0.1") + ":"
                    + string("port", "3306") + Optional.ofNullable(settings.get("database")).map(d -> "/" + d).orElse("")
                    + ")";
        }
        if ("http".equals(type)) {
            return name + " (" + string("url", "") + ")";
        }
        return name + " (" + type + ")";
    }
}
