package io.stepwise.steps.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void givenDurations_whenFormatted_thenTheyReadAsAPlanWritesThem() {
        assertThat(Texts.duration(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Texts.duration(Duration.ofSeconds(3))).isEqualTo("3s");
        assertThat(Texts.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Texts.duration(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Texts.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Texts.duration(Duration.ofMinutes(65))).isEqualTo("1h5m");
        assertThat(Texts.duration(Duration.ZERO)).isEqualTo("0ms");
    }

    @Test
    void givenText_whenShortenedOrChomped_thenItFitsOnOneLine() {
        assertThat(Texts.shorten("a\n  b   c", 10)).isEqualTo("a b c");
        assertThat(Texts.shorten("abcdefghijkl", 8)).isEqualTo("abcde...");
        assertThat(Texts.chompNewlines("x\n\r\n")).isEqualTo("x");
        assertThat(Texts.lastLines("a\n\nb\nc\n", 2)).isEqualTo("b\nc");
    }
}
