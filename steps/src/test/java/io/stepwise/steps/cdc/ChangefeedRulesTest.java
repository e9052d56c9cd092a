package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepHarness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The declared rules of the cdc step types: refused by validate naming the parameter, and by bind alike. */
class ChangefeedRulesTest {
    static final long TSO = 431434047157698561L;
    private final StepHarness harness = StepHarness.builder().build();

    @AfterEach
    void close() {
        harness.close();
    }

    private static Map<String, Object> changefeed(Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("server", "http://127.0.0.1:8300");
        params.put("changefeed_id", "dr-primary-to-secondary");
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    private void refused(StepType<?> type, Map<String, Object> params, String parameter) {
        assertThat(harness.validate(type, params)).as("validate")
                .anySatisfy(p -> assertThat(p.toString()).startsWith(parameter + ":"));
        assertThatThrownBy(() -> harness.bind(type, params)).as("bind").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parameter);
    }

    private static Map<String, Object> create(Object... kv) {
        Map<String, Object> params = changefeed("action", "create", "sink_uri", "mysql://root@127.0.0.1:4001/",
                "start_ts", TSO);
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenCreateWithoutStartTs_whenValidated_thenRefusedNamingStartTs() {
        Map<String, Object> params = create();
        params.remove("start_ts");
        refused(new CdcChangefeed(), params, "start_ts");
    }

    @Test
    void givenAStartTsThatIsNoTso_whenValidated_thenRefusedNamingStartTs() {
        refused(new CdcChangefeed(), create("start_ts", 0), "start_ts");
        refused(new CdcChangefeed(), create("start_ts", 43143404715769856L), "start_ts");
        assertThat(harness.validate(new CdcChangefeed(), create())).isEmpty();
    }

    @Test
    void givenAnUnderscoreInTheId_whenValidated_thenRefusedNamingChangefeedId() {
        refused(new CdcChangefeed(), changefeed("action", "query", "changefeed_id", "dr_primary"), "changefeed_id");
    }

    @Test
    void givenAParameterOfAnotherAction_whenValidated_thenRefusedNamingIt() {
        refused(new CdcChangefeed(), changefeed("action", "query", "start_ts", TSO), "start_ts");
        refused(new CdcChangefeed(), changefeed("action", "create", "redo_applied", true), "redo_applied");
        refused(new CdcChangefeed(), changefeed("action", "remove", "checkpoint_ts", TSO), "checkpoint_ts");
    }

    @Test
    void givenAFlushIntervalBelowTiCdcsMinimum_whenValidated_thenRefusedNamingIt() {
        refused(new CdcChangefeed(), create("redo_flush_interval", 49), "redo_flush_interval");
    }

    @Test
    void givenAPasswordInTheSinkUri_whenValidated_thenRefusedNamingSinkUri() {
        refused(new CdcChangefeed(), create("sink_uri", "mysql://root:pw@127.0.0.1:4001/"), "sink_uri");
    }

    @Test
    void givenRedoAppliedDeclared_whenRead_thenItsExampleIsTheNormalPathAndItsDefaultTheSafeOne() {
        // a dry-run cannot know ${steps.apply.applied}: it assumes the example, so it shows the remove
        assertThat(ChangefeedParams.REDO_APPLIED.example()).contains(true);
        assertThat(ChangefeedParams.REDO_APPLIED.defaultValue()).contains(false);
        assertThat(ChangefeedParams.POLL_INTERVAL.defaultValue()).contains(Duration.ofSeconds(5));
    }

    @Test
    void givenRedoApplyAsTheFencedAccount_whenValidated_thenRefusedNamingSinkUri() {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("storage", "s3://redo/dr?access-key=minio",
                "changefeed_id", "dr", "sink_uri", "mysql://cdc_sink@127.0.0.1:4001/", "fenced_user", "cdc_sink"));
        refused(new CdcRedoApply(), params, "sink_uri");
        params.put("sink_uri", "kafka://127.0.0.1:9092/");
        params.remove("fenced_user");
        refused(new CdcRedoApply(), params, "sink_uri");
    }

    @Test
    void givenALastCommitTsThatIsNoTso_whenValidated_thenRefusedNamingIt() {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("storage", "s3://redo/dr?access-key=minio",
                "changefeed_id", "dr", "last_commit_ts", "yesterday"));
        refused(new CdcRedoMeta(), params, "last_commit_ts");
        params.put("last_commit_ts", "");
        assertThat(harness.validate(new CdcRedoMeta(), params)).isEmpty();
        params.put("last_commit_ts", String.valueOf(TSO));
        assertThat(harness.validate(new CdcRedoMeta(), params)).isEmpty();
    }
}
