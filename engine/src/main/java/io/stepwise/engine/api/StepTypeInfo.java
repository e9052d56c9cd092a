package io.stepwise.engine.api;

import java.util.List;
import java.util.Optional;

/** A registered step type as {@code stepwise steps} shows it. */
public record StepTypeInfo(String name, String description, List<Param> parameters, List<Output> outputs,
        String reversibility) {

    public StepTypeInfo {
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
    }

    public record Param(String name, String type, boolean required, Optional<Object> defaultValue, String description,
            Optional<String> example, boolean secret, List<String> allowedValues) {
        public Param {
            allowedValues = List.copyOf(allowedValues);
        }
    }

    public record Output(String name, String type, String description) {
    }
}
