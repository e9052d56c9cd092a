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

    /**
     * One parameter as {@code stepwise steps} lists it: default and example as a plan writes them,
     * bounds ({@code min}, {@code max}), the actions it belongs to (empty: every action) and its further rules.
     */
    public record Param(String name, String type, boolean required, Optional<String> defaultValue, String description,
            Optional<String> example, boolean secret, List<String> allowedValues, Optional<String> min,
            Optional<String> max, List<String> actions, List<String> rules) {
        public Param {
            allowedValues = List.copyOf(allowedValues);
            actions = List.copyOf(actions);
            rules = List.copyOf(rules);
        }
    }

    public record Output(String name, String type, String description) {
    }
}
