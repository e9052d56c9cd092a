package io.stepwise.engine.spi.action;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A SQL statement on a connection, with its bound parameters. */
public record SqlAction(ConnectionInfo connection, SqlText statement) implements Action {
    public SqlAction {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(statement, "statement");
    }

    @Override
    public String kind() {
        return "sql";
    }

    @Override
    public String summary() {
        return "on " + connection.describe();
    }

    @Override
    public Optional<String> block() {
        StringBuilder text = new StringBuilder(statement.sql());
        List<Object> params = statement.parameters();
        for (int i = 0; i < params.size(); i++) {
            text.append("\n-- ?").append(i + 1).append(" = ").append(renderParameter(params.get(i)));
        }
        return Optional.of(text.toString());
    }

    private static String renderParameter(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        return String.valueOf(value);
    }

    @Override
    public String blockLanguage() {
        return "sql";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("connection", connection.describe());
        fields.put("sql", statement.sql());
        List<Object> params = new ArrayList<>();
        statement.parameters().forEach(p -> params.add(p == null ? null : p instanceof Number || p instanceof Boolean ? p : String.valueOf(p)));
        fields.put("parameters", params);
        return fields;
    }
}
