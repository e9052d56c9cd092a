package io.stepwise.steps.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.StepHarness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkloadStepTest {
    private static StepHarness harness() {
        return StepHarness.builder().connection(new ConnectionInfo("db", "mysql", Map.of("host", "127.0.0.1",
                "port", 3306L, "database", "test"))).build();
    }

    @Test
    void preparePlanShowsSysbenchSchema() {
        try (StepHarness harness = harness()) {
            List<Action> actions = harness.plan(new WorkloadStep(), Map.of("connection", "db", "action", "prepare",
                    "tables", 2, "table_size", 500));
            String text = actions.stream().map(a -> a.block().orElse(a.summary())).collect(Collectors.joining("\n"));

            assertThat(text).contains("CREATE DATABASE IF NOT EXISTS `test`")
                    .contains("CREATE TABLE `test`.`sbtest2` (\n  id INTEGER NOT NULL AUTO_INCREMENT,\n"
                            + "  k INTEGER DEFAULT '0' NOT NULL,\n  c CHAR(120) DEFAULT '' NOT NULL,\n"
                            + "  pad CHAR(60) DEFAULT '' NOT NULL,\n  PRIMARY KEY (id)\n) /*! ENGINE = innodb */")
                    .contains("CREATE INDEX k_2 ON `test`.`sbtest2`(k)")
                    .contains("(500 rows a statement)");
        }
    }

    @Test
    void validateRejectsParametersOfTheOtherModeOrAction() {
        try (StepHarness harness = harness()) {
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "check",
                    "mode", "oltp", "accounts", 5, "rate", 10)))
                    .extracting(p -> p.parameter()).containsExactlyInAnyOrder("accounts", "rate");
        }
    }

    @Test
    void sysbenchStringsHaveElevenDigitGroups() {
        String c = OltpWorkload.digits(new java.util.Random(1), 10);
        assertThat(c).hasSize(119).matches("\\d{11}(-\\d{11}){9}");
        assertThat(OltpWorkload.digits(new java.util.Random(1), 5)).hasSize(59);
    }

    @Test
    void givenBoundsAndActionsOfTheLoad_whenValidated_thenEachRefusalNamesItsParameter() {
        try (StepHarness harness = harness()) {
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "run",
                    "duration", "1s", "threads", 1025))).extracting(p -> p.parameter()).containsExactly("threads");
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "run",
                    "duration", "1s", "database", " "))).extracting(p -> p.parameter()).containsExactly("database");
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "prepare",
                    "fail_on_mismatch", false))).extracting(p -> p.parameter()).containsExactly("fail_on_mismatch");
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "run",
                    "duration", "1s", "mode", "bank", "accounts", 1))).extracting(p -> p.parameter()).containsExactly("accounts");
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "run")))
                    .singleElement().hasToString("action run without a duration would never end"
                            + " (set 'duration', or 'background: true' on the step and let the run stop it)");
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "run"), true)).isEmpty();
            assertThat(harness.validate(new WorkloadStep(), Map.of("connection", "db", "action", "prepare"), true))
                    .extracting(p -> p.parameter()).containsExactly("action");
        }
    }
}
