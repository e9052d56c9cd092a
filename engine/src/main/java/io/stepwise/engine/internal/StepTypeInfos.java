package io.stepwise.engine.internal;

import io.stepwise.engine.api.StepTypeInfo;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.StepType;
import java.util.List;
import java.util.Locale;

/** The registered step types as {@code stepwise steps} shows them, from their descriptors. */
final class StepTypeInfos {
    private StepTypeInfos() {
    }

    static List<StepTypeInfo> of(StepRegistry registry) {
        return registry.all().stream().map(StepTypeInfos::of).toList();
    }

    static StepTypeInfo of(StepType<?> type) {
        List<StepTypeInfo.Param> params = type.parameters().stream().map(StepTypeInfos::param).toList();
        List<StepTypeInfo.Output> outputs = type.outputs().stream()
                .map(o -> new StepTypeInfo.Output(o.name(), typeName(o.type()), o.description())).toList();
        return new StepTypeInfo(type.name(), type.description(), params, outputs, rollback(type));
    }

    /** How the type's steps are undone, as far as the type alone tells (some actions change nothing). */
    private static String rollback(StepType<?> type) {
        boolean undoesItself;
        try {
            undoesItself = type.getClass().getMethod("rollback", Object.class, io.stepwise.engine.spi.StepResult.class,
                    io.stepwise.engine.spi.StepContext.class).getDeclaringClass() != StepType.class;
        } catch (NoSuchMethodException e) {
            undoesItself = false;
        }
        String how = undoesItself ? "undoes itself" : changesNothing(type) ? "nothing to undo" : "by the plan's rollback";
        return type.supportsBackground() ? how + "; can run in the background" : how;
    }

    private static StepTypeInfo.Param param(Param<?> d) {
        return new StepTypeInfo.Param(d.name(), typeName(d.type()), d.isRequired(), d.defaultValue().map(Examples::asYaml),
                d.description(), d.example().map(Examples::asYaml), d.isSecret(), d.allowedValues(),
                d.min().map(Examples::asYaml), d.max().map(Examples::asYaml), d.actions().stream().sorted().toList(),
                d.checks().stream().map(Param.Check::message).toList());
    }

    /** True for types whose steps never change anything, whatever their config (log, sleep, assert). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean changesNothing(StepType type) {
        try {
            return type.reversibility(null) == io.stepwise.engine.spi.Reversibility.NOTHING_TO_UNDO;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String typeName(io.stepwise.engine.spi.ParamType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
