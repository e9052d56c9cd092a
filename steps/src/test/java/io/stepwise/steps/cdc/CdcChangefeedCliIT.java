package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.support.Toml;
import io.stepwise.steps.tidb.testing.RewritingContext;
import io.stepwise.steps.tidb.testing.SqlRewrite;
import io.stepwise.steps.tidb.testing.StandIn;
import io.stepwise.steps.tidb.testing.TidbMariaDb;
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
    private final TidbMariaDb db = TidbMariaDb.get();
    private String upstream;
    private SqlRewrite runner;

    @BeforeEach
    void start() {
        upstream = db.freshDatabase("tidb_up");
        db.run(upstream, "CREATE TABLE with_pk (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE with_unique (id INT NOT NULL, v INT, UNIQUE KEY u (id))");
        harness = StepHarness.builder().types(type).runDir(dir.resolve("run"))
                .connection(db.connection("primary", upstream)).build();
        // the shared MariaDB holds other tests' schemas: the query is narrowed to this test's upstream
        runner = new SqlRewrite(harness.actions()).rule("SELECT t.TABLE_SCHEMA, t.TABLE_NAME", sql -> sql.replace(
                "WHERE t.TABLE_TYPE", "WHERE t.TABLE_SCHEMA = '" + upstream + "' AND t.TABLE_TYPE"));
    }

    /** Validates, binds and runs the step with its SQL through the narrowing runner. */
    private StepResult run(Map<String, Object> params) {
        assertThat(harness.validate(type, params)).isEmpty();
        return type.execute(harness.bind(type, params), new RewritingContext(harness.context(type, false), runner));
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
                "start_ts", 431434047157698561L, "redo_storage", "s3://redo/dr?access-key=minio"
                        + "&endpoint=http://127.0.0.1:6060&force-path-style=true",
                "redo_secret_access_key", "miniostorage", "redo_max_log_size", 64, "redo_flush_interval", 2000,
                "password", "cdc-pw", "user", "root", "upstream", "primary", "allow_redo_on_primary_host", true);
    }

    @Test
    void givenABackupTs_whenCreatedThroughTheCli_thenTheArgvCarriesServerIdStartTsConfigAndNoConfirm() throws Exception {
        StandIn cdc = StandIn.named(dir.resolve("bin"), "cdc")
                .when("changefeed create", "Create changefeed successfully!\nID: " + ID + "\nInfo: " + INFO, 0)
                .when("changefeed query", QUERY_FULL, 0);
        Path program = cdc.write();

        StepResult result = run(create(program));

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
    void givenAnUpstreamTableWithoutAKey_whenCreatedThroughTheCli_thenRefusedBeforeCdcRunsBecauseNoConfirmDropsIt()
            throws Exception {
        db.run(upstream, "CREATE TABLE no_key (id INT, v INT)",
                "CREATE TABLE nullable_unique (id INT NULL, v INT, UNIQUE KEY u (id))");
        // cdc cli --no-confirm sets IgnoreIneligibleTable and creates it anyway (cli_changefeed_create.go)
        StandIn cdc = StandIn.named(dir.resolve("bin"), "cdc")
                .when("changefeed create", "Create changefeed successfully!\nID: " + ID + "\nInfo: " + INFO, 0)
                .when("changefeed query", QUERY_FULL, 0);
        Path program = cdc.write();

        assertThatThrownBy(() -> run(create(program)))
                .hasMessageContaining("2 table(s) without a primary key or a not-null unique key")
                .hasMessageContaining(upstream + ".no_key, " + upstream + ".nullable_unique")
                .hasMessageContaining("--no-confirm would leave them out silently");
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenIgnoreIneligibleTable_whenCreatedThroughTheCli_thenTheTablesLeftOutAreNamed() throws Exception {
        db.run(upstream, "CREATE TABLE no_key (id INT, v INT)");
        StandIn cdc = StandIn.named(dir.resolve("bin"), "cdc")
                .when("changefeed create", "Create changefeed successfully!\nID: " + ID + "\nInfo: " + INFO, 0)
                .when("changefeed query", QUERY_FULL, 0);
        Map<String, Object> params = create(cdc.write());
        params.put("replica_config", Map.of("ignore_ineligible_table", true));

        StepResult result = run(params);

        assertThat(result.values()).containsEntry("ineligible_tables", List.of(upstream + ".no_key"));
        assertThat(harness.said()).anyMatch(s -> s.contains("not replicated") && s.contains(upstream + ".no_key"));
        assertThat(cdc.invocations()).hasSize(2);
    }

    @Test
    void givenCreateThroughTheCliWithoutUpstream_whenValidated_thenTheMissingTableListIsAProblem() throws Exception {
        Map<String, Object> params = create(StandIn.named(dir.resolve("bin"), "cdc").write());
        params.remove("upstream");

        assertThat(harness.validate(type, params)).anySatisfy(p -> assertThat(p.message()).contains("needs upstream"));
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

        FileAction file = (FileAction) harness.plan(type, params).stream().filter(a -> a instanceof FileAction)
                .findFirst().orElseThrow();

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

        List<Action> all = harness.plan(type, create(program));
        // the guards come first: the redo host note, the ineligible-table query and its note
        assertThat(all.get(1).block().orElseThrow()).startsWith("SELECT t.TABLE_SCHEMA, t.TABLE_NAME");
        List<Action> actions = all.subList(3, all.size());

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

        assertThatThrownBy(() -> run(create(program)))
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
        assertThatThrownBy(() -> run(params))
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
                    "checkpoint_ts", 431434047157698565L, "poll_interval", "50ms"));

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

        harness.execute(type, params(program, "action", "update", "target_ts", 431434047157699999L));
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
