package io.stepwise.engine.spi;

import io.stepwise.engine.api.PlanNode;
import java.util.Objects;

/** A step declared inside another step's parameters, such as the check a {@code wait} polls. */
public record NestedStep(String type, PlanNode.Mapping with, String path) {
    public NestedStep {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(with, "with");
        Objects.requireNonNull(path, "path");
    }

    /** A nested step as a declaration's example shows it: {@code {type: sql, with: {...}}}. */
    public static NestedStep example(String type, java.util.Map<String, Object> with) {
        return new NestedStep(type, (PlanNode.Mapping) PlanNode.of(with), "example");
    }

    /** As a plan writes it: {@code {type: ..., with: {...}}}. */
    public java.util.Map<String, Object> toPlain() {
        java.util.Map<String, Object> plain = new java.util.LinkedHashMap<>();
        plain.put("type", type);
        plain.put("with", with.toPlain());
        return plain;
    }
}
