package io.stepwise.steps.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.testkit.ParamProblem;
import io.stepwise.engine.testkit.StepHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code diff}'s rules, refused by {@code stepwise validate} before any step runs (issue 12). */
class DiffStepTest {
    private final DiffStep diff = new DiffStep();
    private final StepHarness harness = StepHarness.builder()
            .connection(new ConnectionInfo("up", "mysql", Map.of("host", "127.0.0.1", "port", 1)))
            .connection(new ConnectionInfo("down", "mysql", Map.of("host", "127.0.0.1", "port", 2))).build();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Map<String, Object> step(Map<String, Object> extra) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("source", "up", "target", "down", "tables", List.of("test.*")));
        params.putAll(extra);
        return params;
    }

    @Test
    void givenChunkSizeOneAndFiveHundredThreads_whenValidated_thenBothAreRefusedBeforeTheRun() {
        Map<String, Object> params = step(Map.of("chunk_size", 1, "threads", 500));

        assertThat(harness.validate(diff, params)).extracting(ParamProblem::message).containsExactlyInAnyOrder(
                "'chunk_size' must be at least 2, not 1", "'threads' must be at most 64, not 500");
        assertThat(catchThrowable(() -> harness.bind(diff, params))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk_size").hasMessageContaining("threads");
    }

    @Test
    void givenASnapshotThatIsNoneOfTheForms_whenValidated_thenRefusedNamingIt() {
        assertThat(harness.validate(diff, step(Map.of("snapshot_target", "yesterday")))).singleElement()
                .satisfies(p -> {
                    assertThat(p.parameter()).isEqualTo("snapshot_target");
                    assertThat(p.message()).startsWith("'snapshot_target' must be 'consistent', a TiDB TSO");
                });
        assertThat(harness.validate(diff, step(Map.of("snapshot_source", "<steps.backup.backup_ts>"))))
                .as("the dry-run placeholder is no snapshot a plan may write").extracting(ParamProblem::parameter)
                .containsExactly("snapshot_source");
        assertThat(harness.validate(diff, step(Map.of("snapshot_source", "449123456789012345",
                "snapshot_target", "2024-05-01 12:00:00")))).isEmpty();
    }

    @Test
    void givenBadTablePatternsOrTheSameConnectionTwice_whenValidated_thenEachIsRefusedNamingItsParameter() {
        assertThat(harness.validate(diff, step(Map.of("exclude", List.of("tmp"))))).extracting(ParamProblem::parameter)
                .containsExactly("exclude");
        assertThat(harness.validate(diff, step(Map.of("tables", List.of())))).extracting(ParamProblem::parameter)
                .containsExactly("tables");
        assertThat(harness.validate(diff, step(Map.of("target", "up")))).extracting(ParamProblem::message)
                .containsExactly("source and target are the same connection");
    }

    @Test
    void givenAKnownSnapshot_whenPlanned_thenTheSnapshotIsSetOnThatSide() {
        List<Action> actions = harness.plan(diff, step(Map.of("snapshot_source", "449123456789012345")));

        assertThat(actions).filteredOn(SqlAction.class::isInstance).map(a -> ((SqlAction) a).statement())
                .anySatisfy(sql -> {
                    assertThat(sql.sql()).isEqualTo("SET @@tidb_snapshot = ?");
                    assertThat(sql.parameters()).containsExactly("449123456789012345");
                });
    }
}
