package io.stepwise.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A measurement, not a test: the median time of one replay of each given journal in this JVM (after
 * warm-up), and each one's ratio to the first. {@code plans/bench/replay.sh} runs it on the journals
 * of a finished 1,000-step and 10,000-step run; linear growth gives a ratio near 10.
 */
public final class ReplayBench {
    private ReplayBench() {
    }

    public static void main(String[] args) {
        int runs = Integer.getInteger("runs", 15);
        double first = 0;
        for (String arg : args) {
            Path journal = Path.of(arg);
            for (int i = 0; i < 5; i++) {
                RunState.replay(journal);
            }
            List<Double> millis = new ArrayList<>();
            int entries = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                entries = RunState.replay(journal).entries();
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            double median = millis.get(millis.size() / 2);
            if (first == 0) {
                first = median;
            }
            System.out.printf("replay of %,d entries: median %.1f ms (min %.1f, max %.1f), %.1fx the first%n", entries, median,
                    millis.get(0), millis.get(millis.size() - 1), median / first);
        }
    }
}
