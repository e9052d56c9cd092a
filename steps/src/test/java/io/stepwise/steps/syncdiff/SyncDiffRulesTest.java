package io.stepwise.steps.syncdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.Probes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** sync-diff's rules: refused by validate naming the parameter, and by bind alike. */
class SyncDiffRulesTest {
    private final StepHarness harness = StepHarness.builder().connection(Probes.mysql("primary", 4000, "pw"))
            .connection(Probes.mysql("secondary", 14000, "pw")).build();

    @AfterEach
    void close() {
        harness.close();
    }

    private void refused(Map<String, Object> params, String parameter) {
        assertThat(harness.validate(new SyncDiff(), params))
                .anySatisfy(p -> assertThat(p.toString()).startsWith(parameter + ":"));
        assertThatThrownBy(() -> harness.bind(new SyncDiff(), params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(parameter);
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("source", "primary", "target", "secondary"));
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenSnapshotAutoOnOneSideOnly_whenValidated_thenRefusedNamingTheOtherSide() {
        refused(params("source_snapshot", "auto"), "target_snapshot");
        assertThat(harness.validate(new SyncDiff(), params("source_snapshot", "auto", "target_snapshot", "auto")))
                .isEmpty();
    }

    @Test
    void givenNoCheckThreads_whenValidated_thenRefusedNamingCheckThreadCount() {
        refused(params("check_thread_count", 0), "check_thread_count");
    }
}
