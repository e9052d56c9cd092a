package io.stepwise.steps.workload;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Transaction latencies in microseconds, in log-linear buckets (32 per power of two, about 3%
 * precision), recorded without locks from many threads.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private final AtomicLongArray counts = new AtomicLongArray((64 - SUB_BITS) * SUB);

    static int index(long micros) {
        long v = Math.max(0, micros);
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int mantissa = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + mantissa;
    }

    static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB + SUB_BITS - 1;
        return (SUB + (long) (index % SUB)) << (exp - SUB_BITS);
    }

    void record(long micros) {
        counts.incrementAndGet(index(micros));
    }

    long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The latency in milliseconds below which {@code percent} of the recorded values lie (0 when empty). */
    double percentileMillis(double percent) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                long low = lowerBound(i);
                long high = i + 1 < counts.length() ? lowerBound(i + 1) : low;
                return (low + high) / 2.0 / 1000.0;
            }
        }
        return 0;
    }

    double maxMillis() {
        for (int i = counts.length() - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return lowerBound(i + 1 < counts.length() ? i + 1 : i) / 1000.0;
            }
        }
        return 0;
    }
}
