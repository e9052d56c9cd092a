package io.stepwise.engine.api;

import java.util.Objects;

/**
 * A named connection: {@code connections: {primary: {type: mysql, host, port, user, password, database}}},
 * {@code {type: http, url}} or {@code {type: s3, uri}}. Values may hold expressions.
 */
public record ConnectionDef(String name, String type, PlanNode.Mapping settings, Position position) {
    public ConnectionDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
    }
}
