package io.stepwise.steps.tidb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.Probes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tidb.gc and tidb.fence-user rules: refused by validate naming the parameter, and by bind alike. */
class TidbRulesTest {
    private final StepHarness harness = StepHarness.builder().connection(Probes.mysql("primary", 4000, "pw")).build();

    @AfterEach
    void close() {
        harness.close();
    }

    private void refused(StepType<?> type, Map<String, Object> params, String parameter) {
        assertThat(harness.validate(type, params)).anySatisfy(p -> assertThat(p.toString()).startsWith(parameter + ":"));
        assertThatThrownBy(() -> harness.bind(type, params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parameter);
    }

    @Test
    void givenBackupWaitWithEnable_whenValidated_thenRefusedAsADisableOnlyParameter() {
        refused(new TidbGc(), Map.of("connection", "primary", "action", "enable", "backup_wait", "1m"), "backup_wait");
        assertThat(harness.validate(new TidbGc(), Map.of("connection", "primary", "action", "disable",
                "backup_wait", "1m"))).isEmpty();
    }

    @Test
    void givenABlankAccount_whenValidated_thenRefusedNamingUser() {
        refused(new TidbFenceUser(), Map.of("connection", "primary", "user", " "), "user");
    }
}
