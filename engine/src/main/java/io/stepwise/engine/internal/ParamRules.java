package io.stepwise.engine.internal;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.StepType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a parameter's declaration carries, applied in one place: on literal values when a plan
 * is validated, and on resolved values before a step binds. A run never fails on a rule validate
 * could have checked, and never passes one validate refused.
 */
final class ParamRules {
    private ParamRules() {
    }

    /** The type's {@value Param#ACTION} parameter, when it has one. */
    @SuppressWarnings("unchecked")
    static Optional<Param<String>> actionOf(StepType<?> type) {
        return type.parameters().stream().filter(p -> p.name().equals(Param.ACTION)).findFirst()
                .map(p -> (Param<String>) p);
    }

    /** A problem with one parameter (or with the step, when {@code param} is null), and what to do. */
    record Violation(String param, String message, String hint) {
    }

    /** What is wrong with a typed value: outside its bounds, not allowed, or failing one of its checks. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> Optional<String> valueProblem(Param<T> p, T value) {
        if (!p.allowedValues().isEmpty() && p.type() != io.stepwise.engine.spi.ParamType.CONNECTION
                && !p.allowedValues().contains(String.valueOf(value))) {
            return Optional.of("'" + value + "' is not one of " + String.join(", ", p.allowedValues()));
        }
        if (p.min().isPresent() && ((Comparable) value).compareTo(p.min().get()) < 0) {
            return Optional.of("must be at least " + shown(p.min().get()) + ", not " + shown(value));
        }
        if (p.max().isPresent() && ((Comparable) value).compareTo(p.max().get()) > 0) {
            return Optional.of("must be at most " + shown(p.max().get()) + ", not " + shown(value));
        }
        for (Param.Check<T> check : p.checks()) {
            boolean holds;
            try {
                holds = check.holds().test(value);
            } catch (RuntimeException e) {
                holds = false;
            }
            if (!holds) {
                return Optional.of(check.message() + ", not '" + shown(value) + "'");
            }
        }
        return Optional.empty();
    }

    /** A connection parameter names a connection of a type it does not take. */
    static String connectionTypeProblem(Param<?> p, String name, String type) {
        return "names '" + name + "', a " + type + " connection; it takes a connection of type "
                + String.join(" or ", p.allowedValues());
    }

    static String shown(Object value) {
        return value instanceof Duration d ? Durations.asPlanText(d) : String.valueOf(value);
    }

    /** The hint for a value past a bound: the whole range, when the parameter has both ends. */
    static Optional<String> rangeHint(Param<?> p, String problem) {
        if (!problem.startsWith("must be at ") || p.min().isEmpty() || p.max().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("from " + shown(p.min().get()) + " to " + shown(p.max().get()));
    }

    /** The hint for a value that is not allowed: the closest allowed value. */
    static Optional<String> allowedHint(Param<?> p, Object value) {
        if (p.allowedValues().isEmpty()) {
            return Optional.empty();
        }
        return Suggestions.closest(String.valueOf(value), p.allowedValues()).map(s -> "did you mean '" + s + "'?");
    }

    /**
     * The rules across a step's parameters: required ones (for the chosen action), ones that do not
     * belong to the chosen action, and groups of which exactly one is given. {@code action} is empty
     * when the step has no action or its value is known only at run time.
     */
    static List<Violation> across(StepType<?> type, Set<String> given, Optional<String> action) {
        List<Violation> violations = new ArrayList<>();
        boolean actionKnown = action.isPresent() || actionOf(type).isEmpty();
        for (Param<?> p : type.parameters()) {
            boolean applies = action.map(p::appliesTo).orElse(true);
            if (given.contains(p.name()) && !applies) {
                violations.add(new Violation(p.name(), "'" + p.name() + "' applies to action " + String.join(", ",
                        sorted(p.actions())) + ", not " + action.get(), "remove it, or set action: to one of those"));
            }
            boolean requiredHere = p.isRequired() && (p.actions().isEmpty() || actionKnown && applies);
            if (requiredHere && !given.contains(p.name())) {
                String forAction = p.actions().isEmpty() ? "" : " for action " + action.orElse("");
                violations.add(new Violation(null, "missing required parameter '" + p.name() + "'" + forAction,
                        p.example().map(e -> "for example " + p.name() + ": " + Examples.asYaml(e)).orElse(p.description())));
            }
        }
        for (List<String> group : type.exactlyOneOf()) {
            List<String> present = group.stream().filter(given::contains).toList();
            if (present.size() != 1) {
                violations.add(new Violation(present.size() > 1 ? present.get(1) : null,
                        present.isEmpty() ? "give one of " + String.join(", ", group)
                                : "give only one of " + String.join(", ", group) + ", not " + String.join(" and ", present),
                        null));
            }
        }
        return violations;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
