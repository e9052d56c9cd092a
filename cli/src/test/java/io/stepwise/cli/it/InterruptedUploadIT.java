package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of an upload to the in-runner S3 server: the person sees the step
 * interrupted, not the server's account of a client that went away (jclouds logged it through
 * java.util.logging, a 40-line stack trace on the console).
 */
class InterruptedUploadIT {
    @TempDir
    Path dir;

    @Test
    void aCtrlCInTheMiddleOfAnUploadPrintsTheInterruptAndNoStackTrace() throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(2L * 1024 * 1024 * 1024); // sparse: seconds to upload, nothing to write here
        }
        Path plan = dir.resolve("upload.yaml");
        Files.writeString(plan, """
                name: upload
                steps:
                  - id: storage
                    type: s3.local
                    background: true
                    with: {port: %d, buckets: [backup]}
                  - id: put
                    type: s3
                    with: {action: put, uri: "s3://backup/big.bin?${steps.storage.uri_options}", source: '%s'}
                """.formatted(StepwiseProcess.freePort(), big));
        Path out = dir.resolve("run.out");
        Process runner = StepwiseProcess.builder(dir, Map.of(), "run", plan.toString(), "--yes", "--state-dir",
                dir.resolve("state").toString()).redirectOutput(out.toFile()).redirectErrorStream(true).start();
        StepwiseProcess.awaitConsole(runner, out, "put: uploading to");
        Thread.sleep(1000);
        new ProcessBuilder("kill", "-INT", Long.toString(runner.pid())).start().waitFor();
        assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String console = Files.readString(out);
        assertThat(runner.exitValue()).as(console).isEqualTo(130);
        assertThat(console).contains("✖ put (s3)").contains("interrupted").doesNotContain("\tat ")
                .doesNotContain("SEVERE").doesNotContain("Exception");
    }
}
