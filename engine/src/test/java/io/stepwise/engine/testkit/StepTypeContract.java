package io.stepwise.engine.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every step type's test extends: registered through {@link ServiceLoader}, every
 * parameter and output described, snake_case names, a minimal valid config binds, a minimal
 * invalid one is rejected naming the parameter, and {@code plan} has no side effects.
 */
public abstract class StepTypeContract {
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");

    @TempDir
    protected Path contractDir;

    /** The type under test. */
    protected abstract StepType<?> stepType();

    /** The fewest parameters that make a valid step. */
    protected abstract Map<String, Object> minimalValidParams();

    /** Parameters the type must reject (in validate or bind). */
    protected abstract Map<String, Object> minimalInvalidParams();

    /** The parameter the rejection of {@link #minimalInvalidParams()} must name. */
    protected abstract String invalidParameter();

    /** Connections the minimal configs refer to. */
    protected List<ConnectionInfo> connections() {
        return List.of();
    }

    /** Types nested steps of this type may name. */
    protected List<StepType<?>> nestedTypes() {
        return List.of();
    }

    /**
     * Parameters whose execution would leave a trace, and how to see it; {@code plan} must leave
     * none. The probe is closed after the check.
     */
    protected abstract SideEffectProbe sideEffectProbe(Path dir);

    /** A config that would act if executed, with the means to tell whether it did. */
    public interface SideEffectProbe extends AutoCloseable {
        Map<String, Object> params();

        default List<ConnectionInfo> connections() {
            return List.of();
        }

        /** What happened outside, if anything. */
        Optional<String> sideEffect();

        @Override
        default void close() {
        }
    }

    protected StepHarness harness(List<ConnectionInfo> extra) {
        List<ConnectionInfo> all = new ArrayList<>(connections());
        all.addAll(extra);
        List<StepType<?>> types = new ArrayList<>(nestedTypes());
        types.add(stepType());
        return StepHarness.builder().types(types).connections(all).runDir(contractDir.resolve("run")).build();
    }

    @Test
    void givenTheServiceLoader_whenStepTypesAreListed_thenThisTypeIsRegisteredOnce() {
        List<StepType<?>> named = new ArrayList<>();
        for (StepType<?> type : ServiceLoader.load(StepType.class)) {
            if (type.name().equals(stepType().name())) {
                named.add(type);
            }
        }
        assertThat(named).as("providers named '%s' in META-INF/services", stepType().name()).hasSize(1);
        assertThat(named.get(0)).isInstanceOf(stepType().getClass());
    }

    @Test
    void givenTheDescriptors_whenRead_thenTheTypeAndEveryParameterAndOutputIsDescribed() {
        assertThat(stepType().description()).as("type description").isNotBlank();
        for (Param<?> p : stepType().parameters()) {
            assertThat(p.description()).as("description of parameter '%s'", p.name()).isNotBlank();
        }
        for (OutputDescriptor o : stepType().outputs()) {
            assertThat(o.description()).as("description of output '%s'", o.name()).isNotBlank();
        }
    }

    @Test
    void givenTheDescriptors_whenRead_thenNamesAreSnakeCaseAndUnique() {
        assertThat(stepType().name()).matches(TYPE_NAME);
        Set<String> seen = new HashSet<>();
        for (Param<?> p : stepType().parameters()) {
            assertThat(p.name()).as("parameter name").matches(SNAKE_CASE);
            assertThat(seen.add(p.name())).as("parameter '%s' declared once", p.name()).isTrue();
        }
        Set<String> outputs = new HashSet<>();
        for (OutputDescriptor o : stepType().outputs()) {
            assertThat(o.name()).as("output name").matches(SNAKE_CASE);
            assertThat(outputs.add(o.name())).as("output '%s' declared once", o.name()).isTrue();
        }
    }

    @Test
    void givenTheDescriptors_whenRead_thenRequiredParametersHaveExamplesAndDefaultsAreAllowed() {
        for (Param<?> p : stepType().parameters()) {
            if (p.isRequired()) {
                assertThat(p.example()).as("example of required parameter '%s'", p.name()).isPresent();
            }
            if (!p.allowedValues().isEmpty()) {
                p.defaultValue().ifPresent(d -> assertThat(p.allowedValues()).as("allowed values of '%s'", p.name())
                        .contains(String.valueOf(d)));
                assertThat(p.type()).as("type of '%s' with allowed values (for a connection: connection types)", p.name())
                        .isIn(ParamType.STRING, ParamType.INTEGER, ParamType.NUMBER, ParamType.CONNECTION);
            }
        }
    }

    @Test
    void givenMinimalValidParams_whenValidatedAndBound_thenAccepted() {
        try (StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), minimalValidParams())).isEmpty();
            Object config = harness.bind(stepType(), minimalValidParams());
            assertThat(config).isNotNull();
            assertThatCode(() -> describe(stepType(), config)).doesNotThrowAnyException();
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> void describe(StepType<C> type, Object config) {
        type.reversibility((C) config);
        type.idempotent((C) config);
    }

    @Test
    void givenMinimalInvalidParams_whenValidated_thenRefusedNamingTheParameter_andBindRefusesThemToo() {
        try (StepHarness harness = harness(List.of())) {
            List<ParamProblem> problems = harness.validate(stepType(), minimalInvalidParams());
            assertThat(problems).as("validate, before any step runs").isNotEmpty();
            assertThat(problems.toString()).contains(invalidParameter());
            Throwable error = org.assertj.core.api.Assertions.catchThrowable(
                    () -> harness.bind(stepType(), minimalInvalidParams()));
            assertThat(error).as("bind refuses it too").isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Each bound a declaration carries, tried on the minimal valid step: the bound itself passes
     * validate and bind alike, one step past it is refused by validate (naming the parameter) and by
     * bind. So a run never fails on a value {@code stepwise validate} let through.
     */
    @Test
    void givenEachBoundOfEachParameter_whenValidatedAndBound_thenValidateRefusesWhatBindRefuses() {
        try (StepHarness harness = harness(List.of())) {
            Object action = minimalValidParams().containsKey(Param.ACTION) ? minimalValidParams().get(Param.ACTION)
                    : stepType().parameters().stream().filter(p -> p.name().equals(Param.ACTION)).findFirst()
                            .flatMap(p -> p.defaultValue().map(v -> (Object) v)).orElse(null);
            for (Param<?> p : stepType().parameters()) {
                if (action != null && !p.appliesTo(String.valueOf(action))) {
                    continue;
                }
                for (Object[] trial : boundaryValues(p)) {
                    Map<String, Object> params = new java.util.LinkedHashMap<>(minimalValidParams());
                    params.put(p.name(), trial[0]);
                    boolean inside = (Boolean) trial[1];
                    List<ParamProblem> problems = harness.validate(stepType(), params);
                    Throwable bound = org.assertj.core.api.Assertions.catchThrowable(() -> harness.bind(stepType(), params));
                    if (inside) {
                        assertThat(problems).as("validate of %s: %s", p.name(), trial[0]).isEmpty();
                        assertThat(bound).as("bind of %s: %s", p.name(), trial[0]).isNull();
                    } else {
                        assertThat(problems).as("validate of %s: %s", p.name(), trial[0])
                                .anySatisfy(problem -> assertThat(problem.toString()).contains(p.name()));
                        assertThat(bound).as("bind of %s: %s", p.name(), trial[0])
                                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(p.name());
                    }
                }
            }
        }
    }

    /** {value, inside the bounds?} for each bound of a number or duration parameter. */
    private static List<Object[]> boundaryValues(Param<?> p) {
        List<Object[]> trials = new ArrayList<>();
        switch (p.type()) {
            case INTEGER -> {
                p.min().ifPresent(m -> trials.add(new Object[] {m, true}));
                p.min().ifPresent(m -> trials.add(new Object[] {((Number) m).longValue() - 1, false}));
                p.max().ifPresent(m -> trials.add(new Object[] {m, true}));
                p.max().ifPresent(m -> trials.add(new Object[] {((Number) m).longValue() + 1, false}));
            }
            case NUMBER -> {
                p.min().ifPresent(m -> trials.add(new Object[] {m, true}));
                p.min().ifPresent(m -> trials.add(new Object[] {((Number) m).doubleValue() - 0.5, false}));
                p.max().ifPresent(m -> trials.add(new Object[] {m, true}));
                p.max().ifPresent(m -> trials.add(new Object[] {((Number) m).doubleValue() + 0.5, false}));
            }
            case DURATION -> {
                p.min().ifPresent(m -> trials.add(new Object[] {m, true}));
                p.min().filter(m -> ((java.time.Duration) m).toMillis() > 0)
                        .ifPresent(m -> trials.add(new Object[] {((java.time.Duration) m).minusMillis(1), false}));
                p.max().ifPresent(m -> trials.add(new Object[] {m, true}));
                p.max().ifPresent(m -> trials.add(new Object[] {((java.time.Duration) m).plusMillis(1), false}));
            }
            default -> { }
        }
        return trials;
    }

    @Test
    void givenAStepThatWouldActIfRun_whenPlanned_thenNothingHappensOutside() {
        try (SideEffectProbe probe = sideEffectProbe(contractDir);
                StepHarness harness = harness(probe.connections())) {
            List<Action> first = harness.plan(stepType(), probe.params());
            List<Action> second = harness.plan(stepType(), probe.params());

            assertThat(first).as("planned actions").isNotEmpty();
            assertThat(second).as("planning twice gives the same actions").isEqualTo(first);
            assertThat(probe.sideEffect()).as("side effect of plan").isEmpty();
            assertThat(harness.said()).as("lines said during plan").isEmpty();
            assertThat(harness.progress()).as("progress during plan").isEmpty();
            assertThat(harness.backgrounds()).as("background processes during plan").isEmpty();
            first.forEach(a -> assertThat(a.summary()).as("summary of a %s action", a.kind()).isNotBlank());
        }
    }
}
