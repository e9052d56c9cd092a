package io.stepwise.engine.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scan finds in a stream, window by window, what the pattern's first match in the whole text
 * would be; a pattern anchored at line starts is tried only where a line starts.
 */
class StreamScanTest {
    @ParameterizedTest(name = "{0} (flags {1}) matches only at line starts: {2}")
    @CsvSource(delimiter = ';', value = {
            "^BackupTS=(\\d+)$; 8; true", "^(ready); 8; true", "^BackupTS=(\\d+)$; 0; false", "^a|b; 8; false",
            "x^; 8; false", "(^a); 8; false", "^; 8; true", "^(?:a|b); 8; false"})
    void whichPatternsAreTriedOnlyAtLineStarts(String regex, int flags, boolean expected) {
        assertThat(StreamScan.matchesOnlyAtLineStarts(Pattern.compile(regex, flags))).isEqualTo(expected);
    }

    /** Every line terminator Java's ^ knows, at the start, between \r and \n, and across windows. */
    private static final List<String> TEXTS = List.of(
            "BackupTS=1\n",
            "noise\nBackupTS=22\nBackupTS=3\n",
            "noise\r\nBackupTS=44\r\n",
            "old mac\rBackupTS=55\r",
            "next line\u0085BackupTS=66\u0085",
            "separators\u2028BackupTS=77\u2029BackupTS=78",
            "xBackupTS=1 mid-line only\n",
            "the same line, over and over: key=value other=42\n".repeat(60_000) + "BackupTS=88\n",
            "z".repeat(StreamScan.WINDOW * 2 + 17) + "\r\nBackupTS=99");

    @Test
    void givenAnyLineTerminators_whenScannedInBlocks_thenTheFirstMatchIsTheWholeTextsFirstMatch() {
        for (String regex : List.of("^BackupTS=(\\d+)$", "^BackupTS=(\\d+)", "^\\s*BackupTS=(\\d)")) {
            Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
            for (String text : TEXTS) {
                StreamScan scan = new StreamScan(pattern);
                for (int i = 0; i < text.length(); i += 65_536) {
                    scan.append(text, i, Math.min(65_536, text.length() - i));
                }
                scan.finish();

                Matcher whole = pattern.matcher(text);
                Optional<String> expected = whole.find() ? Optional.of(whole.group(1)) : Optional.empty();
                assertThat(scan.found()).as("%s in %s", regex, text.length() > 60 ? text.substring(0, 60) + "..." : text)
                        .isEqualTo(expected);
            }
        }
    }
}
