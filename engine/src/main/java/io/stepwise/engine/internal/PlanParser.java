package io.stepwise.engine.internal;

import io.stepwise.engine.api.ConnectionDef;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.OnFailure;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.RetryPolicy;
import io.stepwise.engine.api.StepDef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a schema-checked {@link PlanNode} tree into a {@link Plan}. Shape errors are the schema's
 * to report; this reports what the schema cannot say (bad durations) and never fails on shape.
 */
final class PlanParser {
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private final List<Problem> problems;

    PlanParser(List<Problem> problems) {
        this.problems = problems;
    }

    Plan parse(PlanNode root, Path source, String digest) {
        PlanNode.Mapping top = root instanceof PlanNode.Mapping m ? m : emptyMapping(root.position());
        String name = string(top, "name").orElse(source.getFileName().toString());
        String description = string(top, "description").orElse("");
        OnFailure onFailure = string(top, "on_failure")
                .filter(v -> v.equals("rollback")).map(v -> OnFailure.ROLLBACK).orElse(OnFailure.STOP);
        return new Plan(name, description, inputs(top), connections(top), onFailure, steps(top), source, digest,
                bool(top, "require_review").orElse(false));
    }

    private Map<String, InputDef> inputs(PlanNode.Mapping top) {
        Map<String, InputDef> inputs = new LinkedHashMap<>();
        mapping(top, "inputs").ifPresent(section -> section.entries().forEach((name, node) -> {
            PlanNode.Mapping def = node instanceof PlanNode.Mapping m ? m : emptyMapping(node.position());
            InputDef.InputType type = string(def, "type")
                    .flatMap(PlanParser::inputType).orElse(InputDef.InputType.STRING);
            Optional<Object> defaultValue = def.get("default").map(PlanNode::toPlain);
            inputs.put(name, new InputDef(name, type, defaultValue, bool(def, "required").orElse(false),
                    bool(def, "secret").orElse(false), string(def, "env"), string(def, "description").orElse(""),
                    section.keyPosition(name)));
        }));
        return inputs;
    }

    private static Optional<InputDef.InputType> inputType(String text) {
        try {
            return Optional.of(InputDef.InputType.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Map<String, ConnectionDef> connections(PlanNode.Mapping top) {
        Map<String, ConnectionDef> connections = new LinkedHashMap<>();
        mapping(top, "connections").ifPresent(section -> section.entries().forEach((name, node) -> {
            if (node instanceof PlanNode.Mapping def) {
                connections.put(name, new ConnectionDef(name, string(def, "type").orElse("mysql"), def,
                        section.keyPosition(name)));
            }
        }));
        return connections;
    }

    private List<StepDef> steps(PlanNode.Mapping top) {
        List<StepDef> steps = new ArrayList<>();
        top.get("steps").filter(n -> n instanceof PlanNode.Sequence).ifPresent(node -> {
            List<PlanNode> items = ((PlanNode.Sequence) node).items();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof PlanNode.Mapping step) {
                    steps.add(step(step, "step" + (i + 1)));
                }
            }
        });
        return steps;
    }

    private StepDef step(PlanNode.Mapping def, String fallbackId) {
        String id = string(def, "id").orElse(fallbackId);
        String type = string(def, "type").orElse("");
        PlanNode.Mapping with = mapping(def, "with").orElse(emptyMapping(def.position()));
        Optional<PlanNode.Scalar> when = scalar(def, "when");
        Optional<PlanNode.Scalar> until = scalar(def, "until");
        Map<String, PlanNode.Scalar> capture = new LinkedHashMap<>();
        mapping(def, "capture").ifPresent(c -> c.entries().forEach((k, v) -> {
            if (v instanceof PlanNode.Scalar s) {
                capture.put(k, s);
            }
        }));
        List<StepDef> rollback = new ArrayList<>();
        def.get("rollback").ifPresent(node -> {
            List<PlanNode> items = node instanceof PlanNode.Sequence seq ? seq.items() : List.of(node);
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof PlanNode.Mapping m) {
                    rollback.add(step(m, id + ".rollback" + (items.size() > 1 ? "." + (i + 1) : "")));
                }
            }
        });
        return new StepDef(id, type, with, string(def, "description").orElse(""), when, retry(def),
                duration(def, "timeout"), until, duration(def, "interval").orElse(DEFAULT_INTERVAL), capture,
                rollback, string(def, "confirm"), bool(def, "background").orElse(false), def.position());
    }

    private RetryPolicy retry(PlanNode.Mapping def) {
        Optional<PlanNode.Mapping> retry = mapping(def, "retry");
        if (retry.isEmpty()) {
            return RetryPolicy.NONE;
        }
        int attempts = retry.get().get("attempts").map(PlanNode::toPlain)
                .filter(v -> v instanceof Number).map(v -> ((Number) v).intValue()).filter(v -> v >= 1).orElse(3);
        Duration delay = duration(retry.get(), "delay").orElse(Duration.ofSeconds(1));
        double backoff = retry.get().get("backoff").map(PlanNode::toPlain)
                .filter(v -> v instanceof Number).map(v -> ((Number) v).doubleValue()).filter(v -> v >= 1).orElse(1.0);
        return new RetryPolicy(attempts, delay, backoff);
    }

    private Optional<Duration> duration(PlanNode.Mapping def, String key) {
        Optional<PlanNode> node = def.get(key);
        if (node.isEmpty() || !(node.get() instanceof PlanNode.Scalar scalar) || scalar.value() == null) {
            return Optional.empty();
        }
        Object value = scalar.value();
        if (value instanceof String s && s.contains("${")) {
            problems.add(Problem.at(scalar.position(), key + " must be a literal duration, not an expression",
                    "write it as 30s, 5m, 1h"));
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the schema reports the format
        }
    }

    private static Optional<String> string(PlanNode.Mapping map, String key) {
        return map.get(key).filter(n -> n instanceof PlanNode.Scalar s && s.value() != null)
                .map(n -> String.valueOf(((PlanNode.Scalar) n).value()));
    }

    private static Optional<Boolean> bool(PlanNode.Mapping map, String key) {
        return map.get(key).map(PlanNode::toPlain).filter(v -> v instanceof Boolean).map(v -> (Boolean) v);
    }

    private static Optional<PlanNode.Scalar> scalar(PlanNode.Mapping map, String key) {
        return map.get(key).filter(n -> n instanceof PlanNode.Scalar s && s.value() != null)
                .map(n -> (PlanNode.Scalar) n);
    }

    private static Optional<PlanNode.Mapping> mapping(PlanNode.Mapping map, String key) {
        return map.get(key).filter(n -> n instanceof PlanNode.Mapping).map(n -> (PlanNode.Mapping) n);
    }

    static PlanNode.Mapping emptyMapping(Position position) {
        return new PlanNode.Mapping(Map.of(), Map.of(), position);
    }
}
