package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parameter's declaration is its only rulebook: validate refuses, with file:line:col, every value
 * the run would refuse; the run refuses resolved values by the same rules before the step does
 * anything; dry-run hands the step plain values; the schema offers each action's own parameters.
 */
class ParamDeclarationsTest {
    static final Param<String> ACTION = Param.string("action").required().allowed("grow", "shrink")
            .example("grow").description("what to do");
    static final Param<Long> SIZE = Param.integer("size").min(1L).max(64L).defaultValue(4L).description("workers");
    static final Param<Long> TARGET = Param.integer("target").required().onlyFor("grow").example(8L)
            .description("workers to reach");
    static final Param<Boolean> DRAIN = Param.bool("drain").onlyFor("shrink").example(true).description("drain first");
    static final Param<String> NAME = Param.string("name").check(n -> n.matches("[a-z]+"), "must be lower-case letters")
            .description("pool name");
    static final Param<Duration> PAUSE = Param.duration("pause").max(Duration.ofMinutes(5))
            .defaultValue(Duration.ofSeconds(5)).description("between workers");
    static final Param<String> ON = Param.connection("on").allowed("mysql").description("where");
    static final Param<String> COMMAND = Param.string("command").description("one of two");
    static final Param<String> SCRIPT = Param.string("script").description("the other");

    record PoolConfig(String action, long size, long target, boolean drain, Duration pause) {
    }

    /** {@code pool}: a step type declared the new way; counts its executions. */
    static final class Pool implements StepType<PoolConfig> {
        final AtomicInteger executed = new AtomicInteger();

        public String name() {
            return "pool";
        }

        public String description() {
            return "grows or shrinks a pool";
        }

        public List<Param<?>> parameters() {
            return List.of(ACTION, SIZE, TARGET, DRAIN, NAME, PAUSE, ON, COMMAND, SCRIPT);
        }

        public List<List<String>> exactlyOneOf() {
            return List.of(List.of("command", "script"));
        }

        public void validate(ParamValues values, Problems problems) {
            values.literal(TARGET).ifPresent(target -> values.literal(SIZE).filter(size -> target < size)
                    .ifPresent(size -> problems.add("target", "must not be below size (" + size + ")")));
        }

        public PoolConfig bind(Params params) {
            return new PoolConfig(params.get(ACTION), params.get(SIZE), params.find(TARGET).orElse(0L),
                    params.find(DRAIN).orElse(false), params.get(PAUSE));
        }

        public List<Action> plan(PoolConfig config, StepContext context) {
            return List.of(new NoteAction(config.action() + " to " + config.target() + " from " + config.size()
                    + " drain=" + config.drain() + " pause=" + config.pause().toSeconds() + "s"));
        }

        public StepResult execute(PoolConfig config, StepContext context) {
            executed.incrementAndGet();
            return new StepResult(Map.of("workers", config.target()));
        }
    }

    @TempDir
    Path dir;
    private final Pool pool = new Pool();
    private final DefaultEngine engine = new DefaultEngine(StepRegistry.of(List.of(pool, new FakeSteps.Echo())));

    private Path plan(String yaml) {
        return PlanFiles.write(dir, "plan.yaml", yaml);
    }

    private List<String> problems(String yaml) {
        Path plan = plan(yaml);
        return engine.validate(plan, Map.of()).stream().map(Problem::format).map(s -> s.replace(plan.toString(), "plan.yaml"))
                .toList();
    }

    @Test
    void givenValuesPastTheirBounds_whenValidated_thenEachIsRefusedAtItsPosition() {
        assertThat(problems("""
                name: bounds
                steps:
                  - id: p
                    type: pool
                    with: {action: grow, target: 80, size: 65, pause: 6m, command: x}
                """)).containsExactly(
                        "plan.yaml:5:44: step 'p' (pool): 'size' must be at most 64, not 65 (from 1 to 64)",
                        "plan.yaml:5:55: step 'p' (pool): 'pause' must be at most 5m, not 6m");
    }

    @Test
    void givenAParameterOfAnotherAction_whenValidated_thenItIsRefusedNamingItsAction() {
        assertThat(problems("""
                name: actions
                steps:
                  - id: p
                    type: pool
                    with: {action: shrink, target: 8, script: y}
                """)).singleElement().asString()
                .startsWith("plan.yaml:5:36: step 'p' (pool): 'target' applies to action grow, not shrink (remove it, or set action: to one of those)");
    }

    @Test
    void givenAnActionWithoutItsRequiredParameter_whenValidated_thenTheActionIsNamed() {
        assertThat(problems("""
                name: required
                steps:
                  - id: p
                    type: pool
                    with: {action: grow, command: x}
                """)).singleElement().asString()
                .contains("missing required parameter 'target' for action grow (for example target: 8)");
    }

    @Test
    void givenBothOrNeitherOfAnExclusiveGroup_whenValidated_thenTheEngineSaysSo() {
        assertThat(problems("""
                name: group
                steps:
                  - id: both
                    type: pool
                    with: {action: shrink, command: x, script: y}
                  - id: neither
                    type: pool
                    with: {action: shrink}
                """)).containsExactly(
                        "plan.yaml:5:48: step 'both' (pool): give only one of command, script, not command and script",
                        "plan.yaml:8:11: step 'neither' (pool): give one of command, script");
    }

    @Test
    void givenAValueFailingItsCheckOrTheTypesOwnRule_whenValidated_thenBothAreReported() {
        assertThat(problems("""
                name: checks
                steps:
                  - id: p
                    type: pool
                    with: {action: grow, target: 2, size: 3, name: Pool1, command: x}
                """)).containsExactly(
                        "plan.yaml:5:34: step 'p' (pool): 'target': must not be below size (3)",
                        "plan.yaml:5:52: step 'p' (pool): 'name' must be lower-case letters, not 'Pool1'");
    }

    @Test
    void givenAConnectionOfATypeTheParameterDoesNotTake_whenValidated_thenTheTypesAreNamed() {
        assertThat(problems("""
                name: connection
                connections:
                  api: {type: http, url: "http://127.0.0.1:8300"}
                  db: {type: mysql, port: 3306}
                steps:
                  - id: p
                    type: pool
                    with: {action: shrink, on: api, command: x}
                  - id: q
                    type: pool
                    with: {action: shrink, on: db, command: x}
                """)).containsExactly("plan.yaml:8:32: step 'p' (pool): 'on' names 'api', a http connection;"
                        + " it takes a connection of type mysql (name a connection of type mysql)");
    }

    @Test
    void givenAnExpressionThatResolvesPastTheBound_whenRun_thenTheStepIsRefusedBeforeItExecutes() {
        Path plan = plan("""
                name: late
                inputs:
                  workers: {type: integer, default: 100}
                steps:
                  - id: p
                    type: pool
                    with: {action: grow, target: 120, size: "${inputs.workers}", command: x}
                """);
        assertThat(engine.validate(plan, Map.of())).isEmpty();

        RunReport report = engine.run(plan, RunOptions.defaults().withStateDir(dir.resolve("state")));

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(pool.executed).hasValue(0);
        assertThat(report.toString()).contains("'size' must be at most 64, not 100");
    }

    @Test
    void givenValuesKnownOnlyAtRunTime_whenDryRun_thenTheStepGetsPlainValuesAndTheReportShowsTheirSources() {
        Path plan = plan("""
                name: deferred
                steps:
                  - id: count
                    type: echo
                    with: {value: 3}
                  - id: p
                    type: pool
                    with: {action: shrink, drain: "${steps.count.value > 2}", pause: "${steps.count.value}s", command: x}
                  - id: q
                    type: pool
                    with: {action: grow, target: "${steps.count.value}", command: x}
                """);

        String dryRun = engine.dryRun(plan, Map.of(), DryRunFormat.TEXT);

        assertThat(dryRun).contains("'drain' is known only at run time (steps.count.value > 2); this dry-run assumes true")
                .contains("'pause' is known only at run time (${steps.count.value}s); this dry-run assumes 5s")
                .contains("shrink to 0 from 4 drain=true pause=5s")
                .contains("grow to <steps.count.value> from 4")
                .doesNotContain("cannot plan");
        assertThat(pool.executed).hasValue(0);
    }

    @Test
    void givenAStepTypeWithActions_whenTheSchemaIsWritten_thenEachActionOffersOnlyItsParameters() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(engine.planSchema());
        JsonNode with = null;
        for (JsonNode rule : schema.at("/$defs/stepTypes/allOf")) {
            if (rule.at("/if/properties/type/const").asText().equals("pool")) {
                with = rule.at("/then/properties/with");
            }
        }
        assertThat(with).isNotNull();
        assertThat(with.get("unevaluatedProperties").asBoolean()).isFalse();
        assertThat(with.get("properties").has("size")).isTrue();
        assertThat(with.get("properties").has("target")).as("target belongs to grow only").isFalse();
        assertThat(with.at("/properties/size/anyOf/0/maximum").asLong()).isEqualTo(64);
        assertThat(with.at("/properties/pause/default").asText()).isEqualTo("5s");
        JsonNode grow = null;
        for (JsonNode rule : with.get("allOf")) {
            if (rule.at("/if/properties/action/const").asText().equals("grow")) {
                grow = rule.get("then");
            }
        }
        assertThat(grow).isNotNull();
        assertThat(grow.at("/properties/target/examples/0").asLong()).isEqualTo(8);
        assertThat(grow.get("required").toString()).isEqualTo("[\"target\"]");
        assertThat(grow.get("properties").has("drain")).isFalse();
        assertThat(Files.exists(dir)).isTrue();
    }
}
