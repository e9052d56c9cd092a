package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.support.Toml;
import io.stepwise.steps.tidb.testing.StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cdc.changefeed through {@code cdc cli}, against a stand-in {@code cdc} that records its argv and
 * prints the output formats of tidb-tooling.md 2.2 (not against TiCDC).
 */
class CdcChangefeedCliIT {
    static final String ID = "dr-primary-to-secondary";
    static final String SERVER = "http://127.0.0.1:8300";
    static final String INFO = "{\"upstream_id\":7300000000000000001,\"namespace\":\"default\",\"id\":\"" + ID
            + "\",\"sink_uri\":\"mysql://root:xxxxx@127.0.0.1:4001/\",\"create_time\":\"2024-05-01 10:00:00.000\","
            + "\"start_ts\":431434047157698561,\"target_ts\":0,\"admin_job_type\":0,\"config\":{\"consistent\":"
            + "{\"level\":\"eventual\",\"storage\":\"s3://redo/dr\"}},\"state\":\"normal\",\"error\":null,"
            + "\"creator_version\":\"v8.5.1\",\"resolved_ts\":431434047157698561,\"checkpoint_ts\":431434047157698561,"
            + "\"checkpoint_time\":\"2022-02-25 19:57:59.000\",\"task_status\":[]}";
    static final String QUERY_FULL = "{\n  \"upstream_id\": 7300000000000000001,\n  \"namespace\": \"default\",\n"
            + "  \"id\": \"" + ID + "\",\n  \"sink_uri\": \"mysql://root:xxxxx@127.0.0.1:4001/\",\n  \"config\": {\n"
            + "    \"consistent\": {\"level\": \"eventual\", \"storage\": \"s3://redo/dr\"}\n  },\n"
            + "  \"create_time\": \"2024-05-01 10:00:00.000\",\n  \"start_ts\": 431434047157698561,\n"
            + "  \"resolved_ts\": 431434047157698570,\n  \"target_ts\": 0,\n  \"checkpoint_tso\": 431434047157698565,\n"
            + "  \"checkpoint_time\": \"2022-02-25 19:57:59.000\",\n  \"state\": \"normal\",\n  \"error\": null,\n"
            + "  \"creator_version\": \"v8.5.1\",\n  \"task_status\": []\n}";
    static final String QUERY_SIMPLE = "{\n  \"upstream_id\": 7300000000000000001,\n  \"namespace\": \"default\",\n"
            + "  \"id\": \"" + ID + "\",\n  \"state\": \"normal\",\n  \"checkpoint_tso\": 431434047157698565,\n"
            + "  \"checkpoint_time\": \"2022-02-25 19:57:59.000\",\n  \"error\": null\n}";
    /** The shape the DR guide still shows for {@code query -s}. */
    static final String QUERY_SIMPLE_OLD = "{\n  \"state\": \"normal\",\n  \"tso\": 431434047157698565,\n"
            + "  \"checkpoint\": \"2022-02-25 19:57:59.000\",\n  \"error\": null\n}";

    @TempDir
    Path dir;
    private StepHarness harness;
    private final CdcChangefeed type = new CdcChangefeed();

    @BeforeEach
    void start() {
        harness = StepHarness.builder().types(type).runDir(dir.resolve("run")).build();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Map<String, Object> params(Path cdc, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("via", "cli");
        params.put("command", List.of(cdc.toString()));
        params.put("server", SERVER);
        params.put("changefeed_id", ID);
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    private Map<String, Object> create(Path cdc) {
        return params(cdc, "action", "create", "sink_uri", "mysql://root@127.0.0.1:4001/", "sink_password", "down-pw",
                "start_ts", "431434047157698561", "redo_storage", "s3://redo/dr?access-key=minio"
                        + "&endpoint=http://127.0.0.1:6060&force-path-style=true",
                "redo_secret_access_key", "miniostorage", "redo_max_log_size", 64, "redo_flush_interval", 2000,
                "password", "cdc-pw", "user", "root");
    }

    @Test
    void givenABackupTs_whenCreatedThroughTheCli_thenTheArgvCarriesServerIdStartTsConfigAndNoConfirm() throws Exception {
        StandIn cdc = StandIn.named(dir.resolve("bin"), "cdc")
                .when("changefeed create", "Create changefeed successfully!\nID: " + ID + "\nInfo: " + INFO, 0)
                .when("changefeed query", QUERY_FULL, 0);
        Path program = cdc.write();

        StepResult result = harness.execute(type, create(program));

        Path toml = dir.resolve("run").resolve("changefeed-" + ID + ".toml");
        assertThat(cdc.invocations()).containsExactly(
                List.of("cli", "changefeed", "create", "--server=" + SERVER, "--changefeed-id=" + ID,
                        "--sink-uri=mysql://root:down-pw@127.0.0.1:4001/", "--start-ts=431434047157698561",
                        "--config=" + toml, "--no-confirm"),
                List.of("cli", "changefeed", "query", "--server=" + SERVER, "--changefeed-id=" + ID));
        assertThat(Toml.read(Files.readString(toml))).isEqualTo(Map.of("consistent", Map.of(
                "level", "eventual",
                "max-log-size", 64,
                "flush-interval", 2000,
                "storage", "s3://redo/dr?access-key=minio&endpoint=http://127.0.0.1:6060&force-path-style=true"
                        + "&secret-access-key=miniostorage")));
        assertThat(result.values()).containsEntry("state", "normal").containsEntry("checkpoint_ts", 431434047157698565L)
                .containsEntry("redo_level", "eventual");
    }

    @Test
    void givenDispatchersInTheReplicaConfig_whenTheTomlIsWritten_thenTheyStayAnArrayOfTablesInKebabCase()
            throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "cdc").write();
        Map<String, Object> params = create(program);
        params.put("replica_config", Map.of("sink", Map.of("dispatchers", List.of(
                Map.of("matcher", List.of("test.*"), "partition", "index-value"),
                Map.of("matcher", List.of("app.*"), "partition", "ts"))),
                "filter", Map.of("event_filters", List.of(Map.of("matcher", List.of("test.t"),
                        "ignore_event", List.of("delete"))))));

        FileAction file = (FileAction) harness.plan(type, params).get(0);

        Map<String, Object> parsed = Toml.read(file.content());
        assertThat(parsed.get("sink")).isEqualTo(Map.of("dispatchers", List.of(
                Map.of("matcher", List.of("test.*"), "partition", "index-value"),
                Map.of("matcher", List.of("app.*"), "partition", "ts"))));
        assertThat(parsed.get("filter")).isEqualTo(Map.of("event-filters", List.of(
                Map.of("matcher", List.of("test.t"), "ignore-event", List.of("delete")))));
    }

    @Test
    void givenTheCreatePlan_whenRendered_thenTheTomlAndArgvAreShownWithSecretsMasked() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "cdc").write();

        List<Action> actions = harness.plan(type, create(program));

        assertThat(actions.get(0)).isInstanceOf(FileAction.class);
        String rendered = harness.mask(actions.get(0).block().orElseThrow() + "\n" + actions.get(1).summary()
                + actions.get(1).fields());
        assertThat(rendered).contains("secret-access-key=****").contains("mysql://root:****@127.0.0.1:4001/")
                .contains("TICDC_PASSWORD=****").doesNotContain("miniostorage").doesNotContain("down-pw")
                .doesNotContain("cdc-pw");
    }

    @Test
    void givenACliThatExitsZeroWithoutCreating_whenCreated_thenTheSilentAbortIsAFailure() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "cdc")
                .when("changefeed create", "Abort changefeed create.", 0).write();

        assertThatThrownBy(() -> harness.execute(type, create(program)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("exited 0 without \"Create changefeed successfully!\"");
    }

    @Test
    void givenStartTsBeforeGc_whenTheCliFails_thenItsErrorCodeGetsTheHint() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "cdc").when("changefeed create", "",
                "Error: [CDC:ErrStartTsBeforeGC]fail to create or maintain changefeed because start-ts 431434047157698561"
                        + " is earlier than or equal to GC safepoint at 431434047157698600", 1, "").write();

        Map<String, Object> params = create(program);
        params.put("disable_gc_check", true);

        // the server runs its start-ts check whatever the flag (cli_changefeed_create.go, api_helpers.go)
        assertThatThrownBy(() -> harness.execute(type, params))
                .hasMessageContaining("exited 1 with CDC:ErrStartTsBeforeGC")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("take a new backup").contains("hold GC in time")
                        .doesNotContainIgnoringCase("disable-gc-check"));
    }

    @Test
    void givenTheOldAndTheNewQuerySimpleShapes_whenWaitingForNormal_thenBothAreRead() throws Exception {
        for (String shape : List.of(QUERY_SIMPLE, QUERY_SIMPLE_OLD)) {
            Path program = StandIn.named(dir.resolve("bin-" + shape.length()), "cdc")
                    .when("changefeed query", shape, 0).write();

            StepResult result = harness.execute(type, params(program, "action", "wait", "wait_for", "checkpoint",
                    "checkpoint_ts", "431434047157698565", "poll_interval", "50ms"));

            assertThat(result.values()).containsEntry("state", "normal")
                    .containsEntry("checkpoint_ts", 431434047157698565L);
        }
    }

    @Test
    void givenAPausedChangefeed_whenResumedAndUpdatedThroughTheCli_thenBothPassNoConfirm() throws Exception {
        StandIn cdc = StandIn.named(dir.resolve("bin"), "cdc")
                .when("changefeed resume", "", 0)
                .when("changefeed update", "Update changefeed config successfully! \nID: " + ID + "\nInfo: " + INFO, 0)
                .when("changefeed query", QUERY_SIMPLE.replace("normal", "stopped"), 0);
        Path program = cdc.write();

        harness.execute(type, params(program, "action", "update", "target_ts", "431434047157699999"));
        harness.execute(type, params(program, "action", "resume"));

        assertThat(cdc.invocations()).containsExactly(
                List.of("cli", "changefeed", "query", "--server=" + SERVER, "--changefeed-id=" + ID, "--simple"),
                List.of("cli", "changefeed", "update", "--server=" + SERVER, "--changefeed-id=" + ID,
                        "--target-ts=431434047157699999", "--no-confirm"),
                List.of("cli", "changefeed", "query", "--server=" + SERVER, "--changefeed-id=" + ID, "--simple"),
                List.of("cli", "changefeed", "resume", "--server=" + SERVER, "--changefeed-id=" + ID, "--no-confirm"),
                List.of("cli", "changefeed", "query", "--server=" + SERVER, "--changefeed-id=" + ID, "--simple"));
    }

    @Test
    void givenARedoEnabledChangefeed_whenRemovedThroughTheCliWithoutRedoApplied_thenRemoveNeverRuns() throws Exception {
        StandIn cdc = StandIn.named(dir.resolve("bin"), "cdc").when("changefeed query", QUERY_FULL, 0);
        Path program = cdc.write();

        assertThatThrownBy(() -> harness.execute(type, params(program, "action", "remove")))
                .hasMessageContaining("redo level eventual");
        assertThat(cdc.invocations()).extracting(argv -> argv.get(2)).containsExactly("query");
    }

    @Test
    void givenAnUnknownChangefeed_whenQueriedThroughTheCli_thenErrChangeFeedNotExistsIsReported() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "cdc").when("changefeed query", "",
                "Error: [CDC:ErrChangeFeedNotExists]changefeed not exists, key: " + ID, 1, "").write();

        assertThatThrownBy(() -> harness.execute(type, params(program, "action", "query")))
                .hasMessageContaining("does not exist").hasMessageContaining("CDC:ErrChangeFeedNotExists");
    }
}
