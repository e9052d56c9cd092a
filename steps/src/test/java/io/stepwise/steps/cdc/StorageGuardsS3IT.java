package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.br.BrBackup;
import io.stepwise.steps.s3.S3Step;
import io.stepwise.steps.s3.local.S3LocalStep;
import io.stepwise.steps.tidb.testing.StandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage guards on S3 (tidb-tooling.md 3.3 and 4.3), listing an in-process S3 server (s3.local)
 * through the s3 step's storage code: the redo pre-check finds meta and log files flat under the
 * changefeed's prefix, and a backup prefix holding a backupmeta is refused before br runs.
 */
class StorageGuardsS3IT {
    static final String ID = "dr-primary-to-secondary";
    static final String CAPTURE = "6f2c3a8e-1b7d-4c55-9e2a-0d3b5f7a9c11";
    private static final S3Step S3 = new S3Step();

    @TempDir
    static Path dir;
    private static StepHarness harness;
    private static String options;

    @BeforeAll
    static void startS3() {
        harness = StepHarness.builder().types(S3, new S3LocalStep(), new CdcRedoMeta(), new BrBackup())
                .runDir(dir.resolve("run")).build();
        StepResult server = harness.executeInBackground(new S3LocalStep(), Map.of("name", "minio",
                "port", ListeningPort.closedPort(), "access_key", "minio", "secret_key", "miniostorage",
                "buckets", List.of("backup", "redo")));
        options = String.valueOf(server.values().get("uri_options")).replaceAll("&?secret-access-key=[^&]*", "")
                .replaceAll("^&", "");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static void put(String bucketAndKey) {
        harness.execute(S3, Map.of("action", "put", "uri", "s3://" + bucketAndKey + "?" + options
                + "&secret-access-key=miniostorage", "content", "x"));
    }

    @Test
    void givenRedoFilesOnS3_whenMetaIsRead_thenThePrecheckPassesAndCdcGetsTheUri() throws Exception {
        put("redo/" + ID + "/" + CAPTURE + "_default_" + ID + "_meta_0b1c.meta");
        put("redo/" + ID + "/" + CAPTURE + "_" + ID + "_row_431434047157698600_9d8e.log");
        StandIn cdc = StandIn.named(dir.resolve("bin-meta"), "cdc")
                .when("redo meta", "checkpoint-ts:431434047157698561, resolved-ts:431434047157699000", 0);
        String storage = "s3://redo/" + ID + "?" + options;

        StepResult result = harness.execute(new CdcRedoMeta(), Map.of("storage", storage, "changefeed_id", ID,
                "secret_access_key", "miniostorage", "command", List.of(cdc.write().toString())));

        assertThat(result.values()).containsEntry("resolved_ts", 431434047157699000L);
        assertThat(cdc.invocations().get(0)).contains("--storage=" + storage + "&secret-access-key=miniostorage");
        assertThat(harness.progress()).anyMatch(p -> p.contains("1 meta and 1 log file(s)"));
    }

    @Test
    void givenAnotherChangefeedsMetaUnderTheRedoPrefixOnS3_whenMetaIsRead_thenRefusedBeforeCdcRuns() throws Exception {
        String id = "nested-feed";
        put("redo/" + id + "/" + CAPTURE + "_default_" + id + "_meta_0b1c.meta");
        put("redo/" + id + "/" + CAPTURE + "_" + id + "_row_431434047157698600_9d8e.log");
        put("redo/" + id + "/rebuilt/" + CAPTURE + "_default_" + id + "_meta_7f7f.meta");
        StandIn cdc = StandIn.named(dir.resolve("bin-nested"), "cdc");

        assertThatThrownBy(() -> harness.execute(new CdcRedoMeta(), Map.of("storage", "s3://redo/" + id + "?" + options,
                "changefeed_id", id, "secret_access_key", "miniostorage", "command", List.of(cdc.write().toString()))))
                .hasMessageContaining("meta files of other changefeeds: [rebuilt/");
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenAnEmptyRedoPrefixOnS3_whenMetaIsRead_thenRefusedBeforeCdcRuns() throws Exception {
        StandIn cdc = StandIn.named(dir.resolve("bin-empty"), "cdc");

        assertThatThrownBy(() -> harness.execute(new CdcRedoMeta(), Map.of("storage", "s3://redo/other-feed?" + options,
                "changefeed_id", "other-feed", "secret_access_key", "miniostorage", "command", List.of(cdc.write().toString()))))
                .hasMessageContaining("holds 0 meta and 0 log file(s)");
        assertThat(cdc.invocations()).isEmpty();
    }

    @Test
    void givenAPrefixHoldingABackupmetaOnS3_whenBackedUp_thenRefusedButASiblingPrefixDoesNotCount() throws Exception {
        put("backup/dr-1/backupmeta");
        StandIn br = StandIn.named(dir.resolve("bin-br"), "br").when("backup", "[\"Full Backup success summary\"]"
                + " [BackupTS=431434047157698561] [Size=1]", 0);
        Path program = br.write();

        assertThatThrownBy(() -> harness.execute(new BrBackup(), Map.of("mode", "cli", "pd", "127.0.0.1:2379",
                "storage", "s3://backup/dr-1?" + options, "secret_access_key", "miniostorage", "command", List.of(program.toString()))))
                .hasMessageContaining("already holds a backupmeta");
        StepResult sibling = harness.execute(new BrBackup(), Map.of("mode", "cli", "pd", "127.0.0.1:2379",
                "storage", "s3://backup/dr-10?" + options, "secret_access_key", "miniostorage", "command", List.of(program.toString())));

        assertThat(sibling.values()).containsEntry("backup_ts", 431434047157698561L);
        assertThat(br.invocations()).hasSize(1);
    }
}
