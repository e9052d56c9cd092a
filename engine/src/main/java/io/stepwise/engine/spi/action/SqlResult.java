package io.stepwise.engine.spi.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows by column name (in column order) and the update count (-1 for a query). */
public record SqlResult(List<String> columns, List<Map<String, Object>> rows, long affected) {
    public SqlResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
    }

    public Map<String, Object> toValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rows", rows);
        values.put("affected", affected);
        values.put("columns", columns);
        values.put("row", rows.isEmpty() ? Map.of() : rows.get(0));
        return values;
    }
}
