package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.FakeTiCdc;
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
 * cdc.redo-meta and cdc.redo-apply against a stand-in {@code cdc} (tidb-tooling.md section 3) and a
 * {@code file://} redo storage laid out as 3.3 describes. Checks the argv, the pre-check and the
 * parsing of cdc's output; not cdc itself.
 */
class CdcRedoIT {
    static final String ID = "dr-primary-to-secondary";
    static final String CAPTURE = "6f2c3a8e-1b7d-4c55-9e2a-0d3b5f7a9c11";

    @TempDir
    Path dir;
    private Path storage;
    private Path run;
    private StepHarness harness;

    @BeforeEach
    void start() throws Exception {
        storage = Files.createDirectories(dir.resolve("redo"));
        run = dir.resolve("run");
        harness = StepHarness.builder().types(new CdcRedoApply(), new CdcRedoMeta()).runDir(run).build();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void redoFiles() throws Exception {
        Files.writeString(storage.resolve(CAPTURE + "_default_" + ID + "_meta_0b1c.meta"), "meta");
        Files.writeString(storage.resolve(CAPTURE + "_" + ID + "_row_431434047157698600_9d8e.log"), "row");
        Files.writeString(storage.resolve(CAPTURE + "_" + ID + "_ddl_431434047157698600_7a6b.log"), "ddl");
    }

    private StandIn cdc() {
        return StandIn.named(dir.resolve("bin"), "cdc")
                .when("redo meta", "checkpoint-ts:431434047157698561, resolved-ts:431434047157699000", 0)
                .when("redo apply", "[2024/05/01 10:00:00.000 +00:00] [INFO] [apply.go:100] [\"apply redo log\"]\n"
                        + "Apply redo log successfully", 0);
    }

    private Map<String, Object> apply(Path program, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("storage", "file://" + storage);
        params.put("changefeed_id", ID);
        params.put("sink_uri", "mysql://root@127.0.0.1:4001/");
        params.put("sink_password", "down-pw");
        params.put("command", List.of(program.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenMetaAndLogFiles_whenApplied_thenMetaThenApplyRunWithFreshTmpDirsAndProfilingOff() throws Exception {
        redoFiles();
        StandIn cdc = cdc();
        Path program = cdc.write();

        StepResult result = harness.execute(new CdcRedoApply(), apply(program));

        assertThat(cdc.invocations()).containsExactly(
                List.of("redo", "meta", "--storage=file://" + storage, "--tmp-dir=" + run.resolve("redo-" + ID + "-meta-tmp")),
                List.of("redo", "apply", "--storage=file://" + storage, "--tmp-dir=" + run.resolve("redo-" + ID + "-apply-tmp"),
                        "--sink-uri=mysql://root:down-pw@127.0.0.1:4001/", "--enable-profiling=false"));
        assertThat(result.values()).containsEntry("applied", true)
                .containsEntry("checkpoint_ts", 431434047157698561L).containsEntry("resolved_ts", 431434047157699000L);
    }

    @Test
    void givenAnExistingDefaultTmpDir_whenApplied_thenANewOneIsUsedBecauseCdcWipesIt() throws Exception {
        redoFiles();
        Files.createDirectories(run.resolve("redo-" + ID + "-apply-tmp"));
        Files.writeString(run.resolve("redo-" + ID + "-apply-tmp").resolve("keep.txt"), "x");
        StandIn cdc = cdc();

        harness.execute(new CdcRedoApply(), apply(cdc.write(), "read_meta", false));

        assertThat(cdc.invocations().get(0)).contains("--tmp-dir=" + run.resolve("redo-" + ID + "-apply-tmp-2"));
    }

    @Test
    void givenAGivenTmpDirThatIsNotEmpty_whenApplied_thenRefusedBeforeCdcRuns() throws Exception {
        redoFiles();
        Path tmp = Files.createDirectories(dir.resolve("work"));
        Files.writeString(tmp.resolve("important.txt"), "x");
        StandIn cdc = cdc();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write(), "tmp_dir", tmp.toString(),
                "read_meta", false))).hasMessageContaining("is not empty; cdc redo deletes it");
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenAStorageWithoutLogFiles_whenApplied_thenRefusedBeforeCdcRuns() throws Exception {
        Files.writeString(storage.resolve(CAPTURE + "_default_" + ID + "_meta_0b1c.meta"), "meta");
        StandIn cdc = cdc();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write())))
                .hasMessageContaining("holds 1 meta and 0 log file(s)");
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenTheDeleteMarkerOfARemovedChangefeed_whenApplied_thenSaysTheRedoLogIsGone() throws Exception {
        Files.writeString(storage.resolve("delete_" + ID), "");
        StandIn cdc = cdc();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write())))
                .hasMessageContaining("was deleted").hasMessageContaining("the changefeed was removed");
    }

    @Test
    void givenMetaFilesOfAnotherChangefeedInThePrefix_whenApplied_thenRefusedBecauseMetasAreMerged() throws Exception {
        redoFiles();
        Files.writeString(storage.resolve(CAPTURE + "_default_other-feed_meta_1a2b.meta"), "meta");
        StandIn cdc = cdc();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write())))
                .hasMessageContaining("meta files of other changefeeds")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("its own redo prefix"));
    }

    private Map<String, Object> meta(Path program, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("storage", "file://" + storage);
        params.put("changefeed_id", ID);
        params.put("command", List.of(program.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenALastUpstreamCommitTenSecondsAfterTheResolvedTs_whenMetaIsRead_thenTheRpoIsAnOutputAndBoundsTheStep()
            throws Exception {
        redoFiles();
        Path program = cdc().write();
        long resolved = 431434047157699000L;
        String last = String.valueOf(resolved + (10_000L << 18));

        StepResult result = harness.execute(new CdcRedoMeta(), meta(program, "last_commit_ts", last, "max_rpo", "60s"));

        assertThat(result.values()).containsEntry("resolved_ts", resolved).containsEntry("rpo_seconds", 10.0)
                .containsEntry("last_commit_ts", Long.parseLong(last))
                .containsEntry("max_commit_ts", 431434047157698600L);
        assertThatThrownBy(() -> harness.execute(new CdcRedoMeta(), meta(program, "last_commit_ts", last,
                "max_rpo", "5s")))
                .hasMessageContaining("the RPO is 10.0s").hasMessageContaining("more than max_rpo 5s");
    }

    @Test
    void givenNoLastCommitTs_whenMetaIsRead_thenTheRpoIsMeasuredToTheLargestCommitTsTheLogFilesName()
            throws Exception {
        redoFiles();
        long resolved = 431434047157699000L;
        long logged = resolved + (3_000L << 18);
        Files.writeString(storage.resolve(CAPTURE + "_" + ID + "_row_" + logged + "_5e5e.log"), "row");

        StepResult result = harness.execute(new CdcRedoMeta(), meta(cdc().write()));

        assertThat(result.values()).containsEntry("max_commit_ts", logged).containsEntry("rpo_seconds", 3.0);
    }

    @Test
    void givenTheFencedAccountInTheSinkUri_whenApplied_thenRefusedBeforeCdcRuns() throws Exception {
        redoFiles();
        StandIn cdc = cdc();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write(), "sink_uri",
                "mysql://cdc_sink@127.0.0.1:4001/", "fenced_user", "cdc_sink")))
                .hasMessageContaining("the fenced account");
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenASinkThatIsNotMysql_whenValidatedOrBound_thenRefusedBecauseRedoApplySupportsMysqlOnly() throws Exception {
        Path program = cdc().write();

        for (String sink : List.of("mysql+ssl://root@127.0.0.1:4001/", "tidb://root@127.0.0.1:4001/",
                "kafka://127.0.0.1:9092/t")) {
            assertThat(harness.validate(new CdcRedoApply(), apply(program, "sink_uri", sink)))
                    .as(sink).anySatisfy(p -> assertThat(p.message()).contains("mysql sink scheme only"));
        }
    }

    @Test
    void givenAnotherChangefeedsMetaInASubFolder_whenApplied_thenRefusedBecauseCdcReadsThePrefixRecursively()
            throws Exception {
        redoFiles();
        Path old = Files.createDirectories(storage.resolve("old-feed"));
        Files.writeString(old.resolve(CAPTURE + "_default_old-feed_meta_3c4d.meta"), "meta");
        StandIn cdc = cdc();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write())))
                .hasMessageContaining("meta files of other changefeeds: [old-feed/" + CAPTURE
                        + "_default_old-feed_meta_3c4d.meta]")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("sub-folders included"));
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenTheOldTicdcStillAnswers_whenApplied_thenRefusedBecauseItCouldResumeWriting() throws Exception {
        redoFiles();
        StandIn cdc = cdc();
        try (FakeTiCdc old = new FakeTiCdc()) {
            assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(cdc.write(), "ticdc_url", old.url())))
                    .hasMessageContaining("still answers");
            assertThat(old.requests()).extracting(FakeTiCdc.Request::path).containsExactly("/status");
        }
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenTheOldTicdcIsGone_whenApplied_thenItGoesOn() throws Exception {
        redoFiles();
        StandIn cdc = cdc();
        String gone = "http://127.0.0.1:" + io.stepwise.engine.testkit.ListeningPort.closedPort();

        StepResult result = harness.execute(new CdcRedoApply(), apply(cdc.write(), "ticdc_url", gone));

        assertThat(result.values()).containsEntry("applied", true);
    }

    @Test
    void givenCdcFailsWithErrRedoMetaFileNotFound_whenMetaIsRead_thenTheErrorAndAHintAreShown() throws Exception {
        redoFiles();
        Path program = StandIn.named(dir.resolve("bin"), "cdc").when("redo meta", "",
                "Error: [CDC:ErrRedoMetaFileNotFound]no redo meta file found in dir: /tmp/x", 1, "").write();

        assertThatThrownBy(() -> harness.execute(new CdcRedoMeta(), Map.of("storage", "file://" + storage,
                "changefeed_id", ID, "command", List.of(program.toString()))))
                .hasMessageContaining("cdc redo meta exited 1 with CDC:ErrRedoMetaFileNotFound")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("removed changefeed"));
    }

    @Test
    void givenApplyExitsZeroWithoutItsSuccessLine_whenApplied_thenNotTakenAsApplied() throws Exception {
        redoFiles();
        Path program = StandIn.named(dir.resolve("bin"), "cdc").when("redo apply", "something else", 0).write();

        assertThatThrownBy(() -> harness.execute(new CdcRedoApply(), apply(program, "read_meta", false)))
                .hasMessageContaining("without \"Apply redo log successfully\"");
    }

    @Test
    void givenAnS3Storage_whenPlanned_thenTheSecretIsMaskedAndThePrecheckIsShown() throws Exception {
        Path program = cdc().write();
        Map<String, Object> params = apply(program, "storage", "s3://redo/dr?access-key=minio"
                + "&endpoint=http://127.0.0.1:6060&force-path-style=true", "secret_access_key", "miniostorage");

        List<Action> actions = harness.plan(new CdcRedoApply(), params);

        String rendered = harness.mask(actions.toString());
        assertThat(rendered).contains("secret-access-key=****").doesNotContain("miniostorage")
                .contains("--enable-profiling=false").contains("listed recursively")
                .contains(".meta files of changefeed '" + ID + "' only (none in sub-folders)");
    }
}
