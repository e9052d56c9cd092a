package io.stepwise.steps.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsRoundTripWithinThreePercent() {
        for (long v : new long[] {0, 1, 31, 32, 63, 64, 1000, 123_456, 9_999_999}) {
            long low = LatencyHistogram.lowerBound(LatencyHistogram.index(v));
            assertThat(low).isLessThanOrEqualTo(v);
            assertThat((double) v - low).isLessThanOrEqualTo(Math.max(1, v * 0.032));
        }
    }

    @Test
    void percentilesOfUniformLatencies() {
        LatencyHistogram h = new LatencyHistogram();
        for (int micros = 1; micros <= 10_000; micros++) {
            h.record(micros);
        }
        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.percentileMillis(50)).isCloseTo(5.0, within(0.2));
        assertThat(h.percentileMillis(95)).isCloseTo(9.5, within(0.3));
        assertThat(h.percentileMillis(99)).isCloseTo(9.9, within(0.3));
    }
}
