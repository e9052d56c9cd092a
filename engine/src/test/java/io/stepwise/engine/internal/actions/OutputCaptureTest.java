package io.stepwise.engine.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCaptureTest {
    private static final String SECRET = "Canary-Capture-9f3d";
    private static final Masking MASKING = new Masking(t -> t.replace(SECRET, "****"));

    @TempDir
    Path dir;

    @Test
    void givenMoreOutputThanHeadAndTail_whenCaptured_thenBothEndsAreKeptAndTheLogHasEveryLineMasked() throws IOException {
        String text = "line 1 " + SECRET + "\nline 2\nline 3\r\nlast without newline";
        HeadTail kept = new HeadTail(5, 10);

        Path log = capture(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), kept, List.of());

        assertThat(kept.text("[cut]")).isEqualTo("line [cut]ut newline");
        assertThat(kept.omitted()).isEqualTo(text.length() - 15);
        assertThat(Files.readString(log)).isEqualTo("line 1 ****\nline 2\nline 3\nlast without newline\n");
    }

    @Test
    void givenOutputWithinHeadAndTail_whenCaptured_thenItIsKeptWholeWithoutAMarker() {
        HeadTail kept = new HeadTail(4, 4);
        String text = "abcdefgh";

        kept.append(text, 0, 3);
        kept.append(text, 3, 5);

        assertThat(kept.text("[cut]")).isEqualTo("abcdefgh");
        assertThat(kept.omitted()).isZero();
    }

    @Test
    void givenOneLineManyWindowsLongWithASecretAcrossEveryWindowEdge_whenCaptured_thenTheLogIsCompleteAndMasked()
            throws IOException {
        int length = OutputCapture.WINDOW * 5 + 123;
        StringBuilder line = new StringBuilder("a".repeat(length));
        for (int edge = OutputCapture.WINDOW; edge < length; edge += OutputCapture.WINDOW) {
            line.replace(edge - 7, edge - 7 + SECRET.length(), SECRET);   // straddles the first cut a window makes
        }
        HeadTail kept = new HeadTail(100, 100);

        Path log = capture(new ByteArrayInputStream(line.toString().getBytes(StandardCharsets.UTF_8)), kept, List.of());

        String written = Files.readString(log);
        String expected = line.toString().replace(SECRET, "****") + "\n";
        assertThat(written).doesNotContain(SECRET).hasSameSizeAs(expected);
        assertThat(written.equals(expected)).as("the log is the whole line, masked, and nothing else").isTrue();
        assertThat(kept.total()).isEqualTo(length);
    }

    @Test
    void givenAMatchNearTheEndOfAStreamOfManyWindows_whenScanned_thenTheFirstMatchIsFound() throws IOException {
        String text = "x".repeat(StreamScan.WINDOW * 3) + "\nBackupTS=1234567\nBackupTS=99\n";
        StreamScan scan = new StreamScan(Pattern.compile("^BackupTS=(\\d+)$", Pattern.MULTILINE));

        capture(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new HeadTail(10, 10), List.of(scan));

        assertThat(scan.found()).contains("1234567");
    }

    @Test
    void givenAMatchAcrossAWindowEdge_whenScanned_thenItIsFoundWhole() {
        StreamScan scan = new StreamScan(Pattern.compile("id=(\\d+)"));
        String first = "y".repeat(StreamScan.WINDOW + StreamScan.OVERLAP - 5) + "id=12";
        String second = "345 and more";

        scan.append(first, 0, first.length());
        scan.append(second, 0, second.length());
        scan.finish();

        assertThat(scan.found()).contains("12345");
    }

    @Test
    void givenALineStartAnchor_whenAWindowStartsMidLine_thenItDoesNotMatchThere() {
        StreamScan scan = new StreamScan(Pattern.compile("^(ready)", Pattern.MULTILINE));
        String text = "z".repeat(StreamScan.WINDOW * 2 + 17) + "ready";

        for (int i = 0; i < text.length(); i += 4096) {
            scan.append(text, i, Math.min(4096, text.length() - i));
        }
        scan.finish();

        assertThat(scan.found()).isEmpty();
    }

    @Test
    void givenASecretOnBothSidesOfACandidateCut_whenCutSafely_thenTheCutFallsOutsideIt() {
        String text = "b".repeat(100) + SECRET + "b".repeat(100);
        int inside = 100 + SECRET.length() / 2;

        int cut = MASKING.safeCut(text, inside, 64);

        assertThat(cut).isLessThanOrEqualTo(100);
        assertThat(MASKING.safeCut(text, 20, 64)).isEqualTo(20);
    }

    private Path capture(InputStream in, HeadTail kept, List<StreamScan> scans) {
        Path log = dir.resolve("out-" + System.nanoTime() + ".log");
        try (LogSink sink = LogSink.open(log, MASKING)) {
            OutputCapture capture = new OutputCapture(in, kept, sink, MASKING, scans, "test").start();
            assertThat(capture.join(60_000)).isTrue();
        }
        return log;
    }
}
