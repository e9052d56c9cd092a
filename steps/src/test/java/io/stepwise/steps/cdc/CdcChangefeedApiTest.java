package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.TestStepContext;
import io.stepwise.steps.tidb.testing.FakeTiCdc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cdc.changefeed through the OpenAPI v2, against an in-process server that implements the routes,
 * bodies, status codes and error shape of tidb-tooling.md section 1 (not against TiCDC).
 */
class CdcChangefeedApiTest {
    static final long BACKUP_TS = 431434047157698561L;
    private final ObjectMapper json = new ObjectMapper();
    private final CdcChangefeed type = new CdcChangefeed();
    private FakeTiCdc cdc;
    private StepHarness harness;

    @BeforeEach
    void start() throws Exception {
        cdc = new FakeTiCdc().currentTso(BACKUP_TS + (60_000L << 18));
        harness = StepHarness.of(type);
    }

    @AfterEach
    void stop() {
        harness.close();
        cdc.close();
    }

    private Map<String, Object> params(Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("server", cdc.url());
        params.put("changefeed_id", "dr-primary-to-secondary");
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    private Map<String, Object> create(Object... extra) {
        Map<String, Object> params = params("action", "create", "sink_uri", "mysql://root@127.0.0.1:4001/",
                "sink_password", "down-pw", "start_ts", BACKUP_TS,
                "redo_storage", "s3://redo/dr-primary-to-secondary?access-key=minio&endpoint=http://127.0.0.1:6060"
                        + "&force-path-style=true",
                "redo_secret_access_key", "miniostorage", "redo_max_log_size", 64, "redo_flush_interval", 2000,
                "allow_redo_on_primary_host", true);
        for (int i = 0; i < extra.length; i += 2) {
            params.put((String) extra[i], extra[i + 1]);
        }
        return params;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(FakeTiCdc.Request request) throws Exception {
        return json.readValue(request.body(), Map.class);
    }

    // ---- create (1.1, 1.2, 1.3) --------------------------------------------------------------

    @Test
    void givenABackupTs_whenCreated_thenPostsTheDocumentedBodyAndReadsTheCheckpointFromTheInfo() throws Exception {
        StepResult result = harness.execute(type, create());

        FakeTiCdc.Request request = cdc.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v2/changefeeds");
        assertThat(request.headers()).containsEntry("content-type", "application/json");
        assertThat(body(request)).isEqualTo(Map.of(
                "changefeed_id", "dr-primary-to-secondary",
                "sink_uri", "mysql://root:down-pw@127.0.0.1:4001/",
                "start_ts", BACKUP_TS,
                "replica_config", Map.of("consistent", Map.of(
                        "level", "eventual",
                        "max_log_size", 64,
                        "flush_interval", 2000,
                        "storage", "s3://redo/dr-primary-to-secondary?access-key=minio&endpoint=http://127.0.0.1:6060"
                                + "&force-path-style=true&secret-access-key=miniostorage"))));
        assertThat(result.values()).containsEntry("state", "normal").containsEntry("checkpoint_ts", BACKUP_TS)
                .containsEntry("changefeed_id", "dr-primary-to-secondary");
    }

    @Test
    void givenRedoStorageOnTheTicdcHost_whenCreatedWithoutAllowing_thenRefusedBeforeAnyRequest() {
        Map<String, Object> params = create();
        params.remove("allow_redo_on_primary_host");

        assertThatThrownBy(() -> harness.execute(type, params))
                .hasMessageContaining("the redo storage is on the primary's host (127.0.0.1)")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("allow_redo_on_primary_host"));
        assertThat(cdc.requests()).isEmpty();
    }

    @Test
    void givenRedoStorageOnAnotherSite_whenCreated_thenItGoesOn() {
        Map<String, Object> params = create("redo_storage", "s3://redo/dr-primary-to-secondary?access-key=minio"
                + "&endpoint=http://minio.site-b.internal:6060&force-path-style=true");
        params.remove("allow_redo_on_primary_host");

        assertThat(harness.execute(type, params).values()).containsEntry("state", "normal");
    }

    @Test
    void givenIneligibleTablesAndNoUpstream_whenCreatedThroughTheApi_thenTheServersErrTableIneligibleIsClear() {
        cdc.ineligibleTables("test.no_key");

        assertThatThrownBy(() -> harness.execute(type, create()))
                .hasMessageContaining("HTTP 400 CDC:ErrTableIneligible").hasMessageContaining("test.no_key")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("ignore_ineligible_table"));
        assertThat(cdc.changefeed("dr-primary-to-secondary")).isNull();
    }

    @Test
    void givenSecretsInTheSinkAndRedoStorage_whenPlanned_thenEveryRenderingMasksThem() {
        List<Action> actions = harness.plan(type, create("user", "cdc-user", "password", "cdc-pw"));

        String rendered = harness.mask(actions.toString() + actions.stream()
                .filter(a -> a instanceof io.stepwise.engine.spi.action.HttpAction).findFirst().orElseThrow()
                .block().orElse(""));
        assertThat(rendered).doesNotContain("down-pw").doesNotContain("miniostorage").doesNotContain("cdc-pw")
                .contains("secret-access-key=****").contains("mysql://root:****@127.0.0.1:4001/")
                .contains("Authorization: Basic ****");
    }

    @Test
    void givenAUser_whenCreated_thenSendsBasicAuth() {
        harness.execute(type, create("user", "cdc-user", "password", "cdc-pw"));

        assertThat(cdc.requests().get(0).headers().get("authorization"))
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("cdc-user:cdc-pw".getBytes()));
    }

    @Test
    void givenAStartTsAtOrBelowTheGcSafepoint_whenCreated_thenFailsWithErrStartTsBeforeGcAndSaysWhatToDo() {
        cdc.gcSafepoint(BACKUP_TS + 1);

        assertThatThrownBy(() -> harness.execute(type, create()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("HTTP 400 CDC:ErrStartTsBeforeGC")
                .hasMessageContaining("earlier than or equal to GC safepoint")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("tidb.gc action: disable").contains("new backup")
                        .doesNotContainIgnoringCase("disable-gc-check").doesNotContainIgnoringCase("disable_gc_check"));
        assertThat(cdc.changefeed("dr-primary-to-secondary")).isNull();
    }

    @Test
    void givenAnExistingId_whenCreatedAgain_thenTheServers500ErrorIsAClearStepError() {
        harness.execute(type, create());

        assertThatThrownBy(() -> harness.execute(type, create()))
                .hasMessageContaining("HTTP 500 CDC:ErrChangeFeedAlreadyExists");
    }

    @Test
    void givenACreatedChangefeed_whenProbedAfterACrash_thenItIsDone() {
        harness.execute(type, create());
        TestStepContext context = harness.context(type, false);

        var outcome = type.probe(harness.bind(type, create()), context);

        assertThat(outcome.state()).isEqualTo(io.stepwise.engine.spi.ProbeOutcome.State.DONE);
        assertThat(type.probe(harness.bind(type, create("changefeed_id", "other")), context).state())
                .isEqualTo(io.stepwise.engine.spi.ProbeOutcome.State.NOT_DONE);
    }

    // ---- errors and readiness (1.4) ----------------------------------------------------------

    @Test
    void givenAnUnknownId_whenQueried_thenTheServers400ErrChangeFeedNotExistsIsReported() {
        assertThatThrownBy(() -> harness.execute(type, params("action", "query")))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("CDC:ErrChangeFeedNotExists");
        assertThat(cdc.requests()).extracting(FakeTiCdc.Request::path)
                .containsExactly("/api/v2/changefeeds/dr-primary-to-secondary");
    }

    @Test
    void givenAServerThatIsNotReady_whenQueried_then503IsReportedWithARetryHint() {
        cdc.ready(false);

        assertThatThrownBy(() -> harness.execute(type, params("action", "query")))
                .hasMessageContaining("HTTP 503 CDC:ErrServerIsNotReady")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("retry"));
    }

    // ---- pause, resume, update ----------------------------------------------------------------

    @Test
    void givenANormalChangefeed_whenPaused_thenPostsWithoutBodyAndWaitsUntilStopped() {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "eventual");
        cdc.pauseTakes(2);

        StepResult result = harness.execute(type, params("action", "pause", "poll_interval", "50ms"));

        assertThat(result.values()).containsEntry("state", "stopped");
        FakeTiCdc.Request pause = cdc.requests().get(0);
        assertThat(pause.method() + " " + pause.path()).isEqualTo("POST /api/v2/changefeeds/dr-primary-to-secondary/pause");
        assertThat(pause.body()).isEmpty();
        assertThat(cdc.requests()).extracting(FakeTiCdc.Request::path).last()
                .isEqualTo("/api/v2/changefeeds/dr-primary-to-secondary/status");
        assertThat(type.reversibility(harness.bind(type, params("action", "pause")))).isEqualTo(Reversibility.SELF);
    }

    @Test
    void givenAStoppedChangefeed_whenResumed_thenSendsAJsonBodyBecauseResumeBindsStrictly() throws Exception {
        cdc.put("dr-primary-to-secondary", "stopped", BACKUP_TS, "eventual");

        StepResult result = harness.execute(type, params("action", "resume"));

        FakeTiCdc.Request resume = cdc.requests().get(0);
        assertThat(resume.path()).endsWith("/resume");
        assertThat(body(resume)).isEmpty();
        assertThat(resume.body()).isNotBlank();
        assertThat(result.values()).containsEntry("state", "normal");
    }

    @Test
    void givenAnOverwriteCheckpoint_whenResumed_thenItIsInTheBodyAsANumber() throws Exception {
        cdc.put("dr-primary-to-secondary", "stopped", BACKUP_TS, "eventual");

        harness.execute(type, params("action", "resume", "overwrite_checkpoint_ts", BACKUP_TS + 5));

        assertThat(body(cdc.requests().get(0))).isEqualTo(Map.of("overwrite_checkpoint_ts", BACKUP_TS + 5));
    }

    @Test
    void givenARunningChangefeed_whenUpdated_thenRefusedBeforeThePutWithAPauseFirstHint() {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "eventual");

        assertThatThrownBy(() -> harness.execute(type, params("action", "update", "target_ts", BACKUP_TS + 500)))
                .hasMessageContaining("is normal").hasMessageContaining("ErrChangefeedUpdateRefused");
        assertThat(cdc.requests()).extracting(FakeTiCdc.Request::method).doesNotContain("PUT");
    }

    @Test
    void givenAStoppedChangefeed_whenOnlyTargetTsIsUpdated_thenThePutCarriesNoReplicaConfigAndNoSink()
            throws Exception {
        cdc.put("dr-primary-to-secondary", "stopped", BACKUP_TS, "eventual");

        harness.execute(type, params("action", "update", "target_ts", BACKUP_TS + 100));

        FakeTiCdc.Request put = cdc.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(body(put)).isEqualTo(Map.of("target_ts", BACKUP_TS + 100));
        assertThat(cdc.changefeed("dr-primary-to-secondary").get("sink_uri"))
                .isEqualTo("mysql://root:down-pw@127.0.0.1:4001/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenARedoEnabledChangefeed_whenOnlySyncpointIsUpdated_thenTheCurrentConfigIsSentWholeAndRedoStaysOn() {
        cdc.put("dr-primary-to-secondary", "stopped", BACKUP_TS, "eventual");

        harness.execute(type, params("action", "update", "enable_sync_point", true, "sync_point_interval", "30s"));

        // the server rebuilds the config from defaults plus the body: a partial body would set level none
        Map<String, Object> config = (Map<String, Object>) cdc.changefeed("dr-primary-to-secondary").get("config");
        assertThat(config).containsEntry("enable_sync_point", true).containsEntry("sync_point_interval", "30s");
        assertThat((Map<String, Object>) config.get("consistent")).containsEntry("level", "eventual")
                .containsEntry("storage", "s3://redo/dr-primary-to-secondary?secret-access-key=miniostorage");
        assertThat(cdc.requests()).extracting(r -> r.method() + " " + r.path()).containsSubsequence(
                "GET /api/v2/changefeeds/dr-primary-to-secondary",
                "PUT /api/v2/changefeeds/dr-primary-to-secondary");
        assertThat(cdc.changefeed("dr-primary-to-secondary").get("sink_uri"))
                .as("the redacted sink from GET is never sent back").isEqualTo("mysql://root:down-pw@127.0.0.1:4001/");
    }

    @Test
    void givenAChangefeedIdOver128Characters_whenValidated_thenRefusedAsTiCdcWould() {
        String id = "dr-" + "a".repeat(126);

        assertThat(harness.validate(type, params("action", "query", "changefeed_id", id)))
                .anySatisfy(p -> assertThat(p.toString()).contains("changefeed_id").contains("at most 128 characters"));
        assertThat(harness.validate(type, params("action", "query", "changefeed_id", "dr-" + "a".repeat(125))))
                .isEmpty();
    }

    @Test
    void givenAStartTsKnownOnlyAtRunTime_whenPlanned_thenTheBodyShowsItAsAnUnquotedNumber() {
        // dry-run hands a deferred integer as a distinctive TSO-sized number, rendered back as its source
        // (plans/tidb/dual-cluster.dry-run.md: "start_ts" : <steps.backup.backup_ts>)
        Map<String, Object> params = create();
        params.put("start_ts", 449_000_000_000_000_101L);

        String body = harness.plan(type, params).stream().filter(a -> a instanceof io.stepwise.engine.spi.action.HttpAction)
                .findFirst().orElseThrow().block().orElseThrow();

        assertThat(body).contains("\"start_ts\" : 449000000000000101").doesNotContain("\"449000000000000101\"");
    }

    // ---- remove and the redo guard (3.3, 8.2) -------------------------------------------------

    @Test
    void givenARedoEnabledChangefeed_whenRemovedWithoutRedoApplied_thenRefusedAndNothingIsDeleted() {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "eventual");

        assertThatThrownBy(() -> harness.execute(type, params("action", "remove")))
                .hasMessageContaining("removing it deletes its redo log")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("cdc.redo-apply").contains("redo_applied"));
        assertThat(cdc.requests()).extracting(FakeTiCdc.Request::method).doesNotContain("DELETE");
        assertThat(cdc.changefeed("dr-primary-to-secondary")).isNotNull();
    }

    @Test
    void givenRedoApplied_whenRemoved_thenDeletesAndChecksItIsGone() {
        cdc.put("dr-primary-to-secondary", "stopped", BACKUP_TS, "eventual");

        StepResult result = harness.execute(type, params("action", "remove", "redo_applied", true));

        assertThat(cdc.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /api/v2/changefeeds/dr-primary-to-secondary",
                "DELETE /api/v2/changefeeds/dr-primary-to-secondary",
                "GET /api/v2/changefeeds/dr-primary-to-secondary");
        assertThat(result.values()).containsEntry("state", "removed").containsEntry("existed", true);
    }

    @Test
    void givenNoRedo_whenRemoved_thenNoConfirmationIsNeeded() {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "none");

        harness.execute(type, params("action", "remove"));

        assertThat(cdc.changefeed("dr-primary-to-secondary")).isNull();
    }

    @Test
    void givenAnUnknownId_whenRemoved_thenSucceedsSayingThereWasNothing() {
        StepResult result = harness.execute(type, params("action", "remove"));

        assertThat(result.values()).containsEntry("existed", false);
        assertThat(harness.said()).anyMatch(s -> s.contains("nothing to remove"));
    }

    @Test
    void givenCreateWithRedo_whenItsRollbackIsDeclared_thenOnlyAlwaysRemovesIt() {
        var ifNoRedo = harness.bind(type, create());
        var always = harness.bind(type, create("rollback_remove", "always"));
        var noRedo = harness.bind(type, params("action", "create", "sink_uri", "mysql://root@127.0.0.1:4001/",
                "start_ts", BACKUP_TS));

        assertThat(type.reversibility(ifNoRedo)).isEqualTo(Reversibility.NEEDS_PERSON);
        assertThat(type.reversibility(always)).isEqualTo(Reversibility.SELF);
        assertThat(type.reversibility(noRedo)).isEqualTo(Reversibility.SELF);
        assertThat(type.reversibility(harness.bind(type, create("rollback_remove", "never"))))
                .isEqualTo(Reversibility.NEEDS_PERSON);
    }

    @Test
    void givenACreatedChangefeedWithRollbackAlways_whenRolledBack_thenItIsRemoved() {
        StepResult result = harness.execute(type, create("rollback_remove", "always"));
        TestStepContext context = harness.context(type, false);
        var config = harness.bind(type, create("rollback_remove", "always"));

        assertThat(type.planRollback(config, result, context)).extracting(Action::summary).containsExactly(
                "GET " + cdc.url() + "/api/v2/changefeeds/dr-primary-to-secondary",
                "DELETE " + cdc.url() + "/api/v2/changefeeds/dr-primary-to-secondary",
                "GET " + cdc.url() + "/api/v2/changefeeds/dr-primary-to-secondary");
        type.rollback(config, result, context);

        assertThat(cdc.changefeed("dr-primary-to-secondary")).isNull();
    }

    // ---- wait -----------------------------------------------------------------------------------

    @Test
    void givenACheckpointBehind_whenWaitingForATs_thenPollsTheStatusRouteUntilItPasses() throws Exception {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "eventual");
        Thread advance = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cdc.advance("dr-primary-to-secondary", BACKUP_TS + 1000);
        });
        advance.start();

        StepResult result = harness.execute(type, params("action", "wait", "wait_for", "checkpoint",
                "checkpoint_ts", BACKUP_TS + 1000, "poll_interval", "50ms"));
        advance.join();

        assertThat(result.values()).containsEntry("checkpoint_ts", BACKUP_TS + 1000);
        assertThat(cdc.requests()).hasSizeGreaterThan(1).allMatch(r -> r.path().endsWith("/status"));
        assertThat(harness.progress()).anyMatch(p -> p.contains("waiting for " + (BACKUP_TS + 1000)));
    }

    @Test
    void givenAFailedChangefeed_whenWaitingForNormal_thenFailsAtOnceWithItsError() {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "eventual");
        cdc.fail("dr-primary-to-secondary", "CDC:ErrGCTTLExceeded", "gc ttl exceeded");

        assertThatThrownBy(() -> harness.execute(type, params("action", "wait", "poll_interval", "50ms")))
                .hasMessageContaining("is failed").hasMessageContaining("CDC:ErrGCTTLExceeded")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("gc-ttl"));
        assertThat(cdc.requests()).hasSize(1);
    }

    @Test
    void givenAChangefeedThatStaysBehind_whenTheWaitTimesOut_thenTheLastStateIsReported() {
        cdc.put("dr-primary-to-secondary", "normal", BACKUP_TS, "eventual");

        assertThatThrownBy(() -> harness.execute(type, params("action", "wait", "wait_for", "checkpoint",
                "checkpoint_ts", BACKUP_TS + 1, "poll_interval", "50ms", "wait_timeout", "200ms")))
                .hasMessageContaining("did not reach checkpoint").hasMessageContaining("last state normal, checkpoint "
                        + BACKUP_TS);
    }
}
