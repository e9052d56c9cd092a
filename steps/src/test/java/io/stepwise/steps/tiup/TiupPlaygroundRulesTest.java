package io.stepwise.steps.tiup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.testkit.StepHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tiup.playground's rules: refused by validate naming the parameter, and by bind alike. */
class TiupPlaygroundRulesTest {
    private final StepHarness harness = StepHarness.builder().build();

    @AfterEach
    void close() {
        harness.close();
    }

    private void refused(Map<String, Object> params, String parameter) {
        assertThat(harness.validate(new TiupPlayground(), params))
                .anySatisfy(p -> assertThat(p.toString()).startsWith(parameter + ":"));
        assertThatThrownBy(() -> harness.bind(new TiupPlayground(), params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(parameter);
    }

    @Test
    void givenAPortOffsetThatPutsTiFlashPast65535_whenValidated_thenRefusedNamingPortOffset() {
        refused(Map.of("port_offset", 65535 - 20292 + 1), "port_offset");
        assertThat(harness.validate(new TiupPlayground(), Map.of("port_offset", 65535 - 20292))).isEmpty();
    }

    @Test
    void givenFreshWithoutATag_whenValidated_thenRefusedNamingFresh() {
        refused(Map.of("fresh", true), "fresh");
    }
}
