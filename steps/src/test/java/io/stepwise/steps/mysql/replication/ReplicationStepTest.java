package io.stepwise.steps.mysql.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.StepHarness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplicationStepTest {
    private static final String PASSWORD = "it's a \\secret";
    private final ReplicationStep step = new ReplicationStep();

    private static StepHarness harness() {
        return StepHarness.builder()
                .connection(new ConnectionInfo("primary", "mysql", Map.of("host", "10.0.0.5", "port", 3307L,
                        "user", "repl", "password", PASSWORD)))
                .connection(new ConnectionInfo("replica", "mysql", Map.of("host", "127.0.0.1", "port", 3308L)))
                .build();
    }

    @Test
    void startRendersChangeMasterWithEscapedLiteralsAndMasksThePassword() {
        try (StepHarness harness = harness()) {
            // when
            List<Action> actions = harness.plan(step, Map.of("action", "start", "connection", "replica",
                    "source", "primary", "gtid", "0-1-42"));
            String rendered = actions.stream().map(a -> a.summary() + "\n" + a.block().orElse(""))
                    .collect(Collectors.joining("\n"));

            // then
            assertThat(rendered).contains("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')")
                    .contains("STOP SLAVE").contains("SET GLOBAL gtid_slave_pos = ?\n-- ?1 = '0-1-42'")
                    .contains("CHANGE MASTER TO MASTER_HOST='10.0.0.5', MASTER_PORT=3307, MASTER_USER='repl',"
                            + " MASTER_PASSWORD='it''s a \\\\secret', MASTER_USE_GTID=slave_pos,"
                            + " MASTER_CONNECT_RETRY=1, MASTER_SSL_VERIFY_SERVER_CERT=0")
                    .contains("START SLAVE");
            assertThat(harness.mask(rendered)).doesNotContain("secret").contains("MASTER_PASSWORD='****'");
        }
    }

    @Test
    void sourceOverridesWinOverTheSourceConnection() {
        try (StepHarness harness = harness()) {
            // when
            String sql = harness.plan(step, Map.of("action", "start", "connection", "replica", "source", "primary",
                    "source_host", "primary.internal", "source_port", 3306, "source_user", "r'x"))
                    .stream().map(a -> a.block().orElse("")).collect(Collectors.joining("\n"));

            // then
            assertThat(sql).contains("MASTER_HOST='primary.internal', MASTER_PORT=3306, MASTER_USER='r''x'")
                    .doesNotContain("gtid_slave_pos");
        }
    }

    @Test
    void validateReportsParametersTheActionDoesNotUseAndBadPositions() {
        try (StepHarness harness = harness()) {
            assertThat(harness.validate(step, Map.of("action", "promote", "connection", "replica", "gtid", "x")))
                    .extracting(p -> p.parameter()).contains("gtid");
            assertThat(harness.validate(step, Map.of("action", "wait", "connection", "replica")))
                    .extracting(p -> p.parameter()).containsExactly("source");
            assertThat(harness.validate(step, Map.of("action", "start", "connection", "replica",
                    "source", "primary", "gtid", "0-1")).toString()).contains("must be a GTID position such as 0-1-42");
        }
    }

    @Test
    void givenParametersOfAnotherActionOrAPortOutOfRange_whenValidated_thenEachIsNamed() {
        try (StepHarness harness = harness()) {
            assertThat(harness.validate(step, Map.of("action", "start", "connection", "replica", "source", "primary",
                    "stop_io", false))).extracting(p -> p.parameter()).containsExactly("stop_io");
            assertThat(harness.validate(step, Map.of("action", "status", "connection", "replica", "timeout", "1m")))
                    .extracting(p -> p.parameter()).containsExactly("timeout");
            assertThat(harness.validate(step, Map.of("action", "start", "connection", "replica",
                    "source_host", "10.0.0.5", "source_port", 65_536))).extracting(p -> p.parameter())
                    .containsExactly("source_port");
            assertThat(harness.validate(step, Map.of("action", "start", "connection", "replica",
                    "source_host", "10.0.0.5", "connect_retry", 0))).extracting(p -> p.parameter())
                    .containsExactly("connect_retry");
            assertThat(harness.validate(step, Map.of("action", "start", "connection", "replica",
                    "source_host", "10.0.0.5", "semi_sync", true))).extracting(p -> p.parameter())
                    .containsExactly("semi_sync");
        }
    }

    @Test
    void givenAWaitForTheSourcesCurrentPosition_whenPlanned_thenThePositionReadAtRunTimeIsNamedInAComment() {
        try (StepHarness harness = harness()) {
            List<Action> actions = harness.plan(step, Map.of("action", "wait", "connection", "replica",
                    "source", "primary"));

            assertThat(actions.get(0).block()).hasValue("SELECT @@GLOBAL.gtid_binlog_pos AS gtid_binlog_pos");
            assertThat(actions.get(1).block()).hasValue("SELECT MASTER_GTID_WAIT(?, ?) AS reached\n"
                    + "-- ?1 = <@@gtid_binlog_pos of primary>\n-- ?2 = 1");
        }
    }

    @Test
    void givenAGtidKnownOnlyAtRunTime_whenBound_thenTheStepGetsItsSourceAsText() {
        try (StepHarness harness = harness()) {
            // a resolved value in a run; dry-run hands the source text the same way
            ReplicationConfig config = harness.bind(step, Map.of("action", "wait", "connection", "replica",
                    "gtid", "0-1-42"));

            assertThat(config.gtid()).hasValue("0-1-42");
            assertThat(config.sourcePort()).isEqualTo(3306);
        }
    }

    @Test
    void gtidPositionsCompareDomainByDomain() {
        GtidPosition applied = GtidPosition.parse("0-1-10,1-2-5");
        assertThat(applied.covers(GtidPosition.parse("0-1-10"))).isTrue();
        assertThat(applied.covers(GtidPosition.parse("0-1-11"))).isFalse();
        assertThat(applied.covers(GtidPosition.parse("2-1-1"))).isFalse();
        assertThat(applied.behind(GtidPosition.parse("0-1-15,1-2-5,2-1-3"))).isEqualTo(8);
        assertThat(GtidPosition.parse(" ").isEmpty()).isTrue();
        assertThat(GtidPosition.isValid("0-1-2,0-1-3")).isFalse();
    }
}
