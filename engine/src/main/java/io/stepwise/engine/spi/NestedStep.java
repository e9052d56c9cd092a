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
}
