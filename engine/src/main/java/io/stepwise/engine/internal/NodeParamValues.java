package io.stepwise.engine.internal;

import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamValues;
import java.util.Optional;

/** Parameters as written, for a step type's own checks before the run. */
final class NodeParamValues implements ParamValues {
    private final PlanNode.Mapping with;
    private final boolean background;
    private final java.util.Map<String, io.stepwise.engine.api.ConnectionDef> connections;

    NodeParamValues(PlanNode.Mapping with) {
        this(with, false, java.util.Map.of());
    }

    NodeParamValues(PlanNode.Mapping with, boolean background,
            java.util.Map<String, io.stepwise.engine.api.ConnectionDef> connections) {
        this.with = with;
        this.background = background;
        this.connections = connections;
    }

    @Override
    public boolean background() {
        return background;
    }

    @Override
    public Optional<String> connectionType(Param<String> param) {
        return literal(param).map(connections::get).map(io.stepwise.engine.api.ConnectionDef::type);
    }

    @Override
    public boolean has(String name) {
        return with.get(name).map(n -> !(n instanceof PlanNode.Scalar s && s.value() == null)).orElse(false);
    }

    @Override
    public Optional<Object> literal(String name) {
        return with.get(name).filter(n -> !containsExpression(n)).map(PlanNode::toPlain);
    }

    @Override
    public <T> Optional<T> literal(Param<T> param) {
        if (isExpression(param.name())) {
            return Optional.empty();
        }
        Optional<Object> value = literal(param.name()).filter(v -> v != null);
        if (value.isEmpty()) {
            return param.defaultValue();
        }
        try {
            return Optional.of(ParamConversion.convert(param, value.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the declaration's checker reports it
        }
    }

    @Override
    public boolean isExpression(String name) {
        return with.get(name).map(NodeParamValues::containsExpression).orElse(false);
    }

    @Override
    public Position position(String name) {
        return with.get(name).map(PlanNode::position).orElse(with.position());
    }

    static boolean containsExpression(PlanNode node) {
        if (node instanceof PlanNode.Scalar s) {
            return s.value() instanceof String text && text.contains("${");
        }
        if (node instanceof PlanNode.Mapping m) {
            return m.entries().values().stream().anyMatch(NodeParamValues::containsExpression);
        }
        return ((PlanNode.Sequence) node).items().stream().anyMatch(NodeParamValues::containsExpression);
    }
}
