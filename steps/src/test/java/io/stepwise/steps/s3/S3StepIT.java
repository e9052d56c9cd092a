package io.stepwise.steps.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.s3.local.S3LocalStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The s3 step against S3Proxy on 127.0.0.1 (started by s3.local), with aws-sdk-java-v2 as a plan would use it. */
class S3StepIT {
    private static final String SECRET = "it-secret-key-42";

    @TempDir
    static Path runDir;

    private static final S3Step S3 = new S3Step();
    private static final S3LocalStep S3_LOCAL = new S3LocalStep();
    private static StepHarness harness;
    private static StepResult server;
    private static int port;

    @BeforeAll
    static void startS3Proxy() {
        harness = StepHarness.builder().types(S3, S3_LOCAL).runDir(runDir).build();
        port = ListeningPort.closedPort();
        long begin = System.nanoTime();
        server = harness.executeInBackground(S3_LOCAL, Map.of("name", "minio", "port", port, "access_key", "stepwise",
                "secret_key", SECRET, "buckets", java.util.List.of("backup", "redo")));
        System.out.printf("s3.local start with 2 buckets: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String uri(String bucketAndKey) {
        return "s3://" + bucketAndKey + "?" + server.values().get("uri_options");
    }

    @Test
    void givenS3Local_whenStarted_thenItPublishesTheEndpointAndHidesTheSecret() {
        assertThat(server.values()).containsEntry("endpoint", "http://127.0.0.1:" + port)
                .containsEntry("access_key", "stepwise");
        assertThat(S3_LOCAL.outputs()).filteredOn(o -> o.name().equals("secret_key")).allMatch(o -> o.secret());
        assertThat(harness.mask(String.valueOf(server.values().get("uri_options")))).doesNotContain(SECRET);
        assertThat(runDir.resolve("s3/minio/backup")).isDirectory();
        assertThat(harness.backgrounds()).hasSize(1);
    }

    @Test
    void givenABucket_whenPuttingListingGettingCheckingAndDeleting_thenEachActionDoesWhatItSays() throws Exception {
        Path source = Files.writeString(runDir.resolve("report.txt"), "hello from stepwise\n");

        StepResult put = harness.execute(S3, Map.of("action", "put", "uri", uri("backup/reports/"), "source", source.toString()));
        harness.execute(S3, Map.of("action", "put", "uri", uri("backup/reports/second.txt"), "content", "two"));
        StepResult list = harness.execute(S3, Map.of("action", "list", "uri", uri("backup/reports/")));
        StepResult text = harness.execute(S3, Map.of("action", "get", "uri", uri("backup/reports/report.txt")));
        Path copy = runDir.resolve("download/report.txt");
        StepResult file = harness.execute(S3, Map.of("action", "get", "uri", uri("backup/reports/report.txt"),
                "destination", copy.toString()));
        StepResult exists = harness.execute(S3, Map.of("action", "exists", "uri", uri("backup/reports/report.txt")));
        StepResult deleted = harness.execute(S3, Map.of("action", "delete", "uri", uri("backup/reports/report.txt")));
        StepResult gone = harness.execute(S3, Map.of("action", "exists", "uri", uri("backup/reports/report.txt")));
        StepResult rest = harness.execute(S3, Map.of("action", "delete", "uri", uri("backup/reports/"), "recursive", true));

        assertThat(put.values()).containsEntry("bytes", 20L).containsEntry("location", "s3://backup/reports/report.txt");
        assertThat(list.values()).containsEntry("count", 2L)
                .containsEntry("keys", java.util.List.of("reports/report.txt", "reports/second.txt"));
        assertThat(text.values()).containsEntry("content", "hello from stepwise\n");
        assertThat(copy).hasContent("hello from stepwise");
        assertThat(file.values()).containsEntry("bytes", 20L);
        assertThat(exists.values()).containsEntry("exists", true).containsEntry("bytes", 20L);
        assertThat(deleted.values()).containsEntry("count", 1L);
        assertThat(gone.values()).containsEntry("exists", false);
        assertThat(rest.values()).containsEntry("count", 1L);
        assertThat(harness.progress()).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void givenAFileLargerThanOnePart_whenPut_thenItIsUploadedInPartsAndComesBackWhole() throws Exception {
        Path big = runDir.resolve("big.bin");
        byte[] block = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(block);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < S3Storage.PART_SIZE / block.length + 3; i++) {
                out.write(block);
            }
        }
        harness.execute(S3, Map.of("action", "put", "uri", uri("backup/big.bin"), "source", big.toString()));
        Path back = runDir.resolve("big.back");
        StepResult got = harness.execute(S3, Map.of("action", "get", "uri", uri("backup/big.bin"), "destination", back.toString()));

        assertThat(got.values()).containsEntry("bytes", Files.size(big));
        assertThat(Files.mismatch(big, back)).isEqualTo(-1L);
    }

    @Test
    void givenAMissingBucket_whenEnsured_thenItIsCreatedOnceAndReportedAsSuch() {
        StepResult first = harness.execute(S3, Map.of("action", "ensure-bucket", "uri", uri("fresh/")));
        StepResult second = harness.execute(S3, Map.of("action", "ensure-bucket", "uri", uri("fresh/")));

        assertThat(first.values()).containsEntry("created", true);
        assertThat(second.values()).containsEntry("created", false);
    }

    @Test
    void givenAMissingBucket_whenPutting_thenTheErrorSaysTheBucketIsMissingAndHowToCreateIt() {
        assertThatThrownBy(() -> harness.execute(S3, Map.of("action", "put", "uri", uri("nosuch/x.txt"), "content", "x")))
                .isInstanceOf(StepFailedException.class)
                .hasMessage("bucket 'nosuch' does not exist at http://127.0.0.1:" + port)
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("ensure-bucket"));
        assertThatThrownBy(() -> harness.execute(S3, Map.of("action", "exists", "uri", uri("nosuch/x.txt"))))
                .hasMessageContaining("bucket 'nosuch' does not exist");
    }

    @Test
    void givenAWrongSecretKey_whenListing_thenTheErrorSaysTheCredentialsWereRejectedWithoutShowingThem() {
        String wrong = "s3://backup/?access-key=stepwise&secret-access-key=not-the-secret&endpoint=http://127.0.0.1:" + port;

        assertThatThrownBy(() -> harness.execute(S3, Map.of("action", "list", "uri", wrong)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageStartingWith("S3 at http://127.0.0.1:" + port + " rejected the credentials for bucket 'backup'")
                .hasMessageNotContaining("not-the-secret")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("secret-access-key"));
    }

    @Test
    void givenNothingListensAtTheEndpoint_whenListing_thenTheErrorSaysTheConnectionWasRefused() {
        int closed = ListeningPort.closedPort();
        String refused = "s3://backup/?access-key=a&secret-access-key=b&endpoint=http://127.0.0.1:" + closed;

        assertThatThrownBy(() -> harness.execute(S3, Map.of("action", "list", "uri", refused)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageStartingWith("cannot connect to the S3 endpoint http://127.0.0.1:" + closed)
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("s3.local"));
    }

    @Test
    void givenThePortIsTaken_whenAnotherS3LocalStarts_thenTheErrorNamesThePortAndThisProcess() {
        assertThatThrownBy(() -> harness.execute(S3_LOCAL, Map.of("name", "other", "port", port)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
                .hasMessageContaining("pid " + ProcessHandle.current().pid() + ", this stepwise process");
    }
}
