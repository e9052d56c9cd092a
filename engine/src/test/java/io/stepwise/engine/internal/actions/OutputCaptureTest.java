package io.stepwise.engine.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCaptureTest {
    @TempDir
    Path dir;

    @Test
    void givenMoreOutputThanTheLimit_whenCaptured_thenTheTailIsKeptAndTheLogHasEveryLineMasked() throws IOException {
        String text = "line 1 secret\nline 2\nline 3\r\nlast without newline";
        Path log = dir.resolve("out.log");
        try (LogSink sink = LogSink.open(log, new Masking(t -> t.replace("secret", "****")))) {
            OutputCapture capture = new OutputCapture(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 10,
                    sink, "test").start();

            assertThat(capture.join(5_000)).isTrue();
            assertThat(capture.text()).isEqualTo("ut newline");
            assertThat(capture.dropped()).isEqualTo(text.length() - 10);
        }
        assertThat(Files.readString(log)).isEqualTo("line 1 ****\nline 2\nline 3\nlast without newline\n");
    }
}
