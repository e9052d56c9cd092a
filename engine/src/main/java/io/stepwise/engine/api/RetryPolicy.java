package io.stepwise.engine.api;

import java.time.Duration;

/** {@code retry: {attempts, delay, backoff}}: attempts counts the first try; backoff multiplies the delay. */
public record RetryPolicy(int attempts, Duration delay, double backoff) {
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (backoff < 1.0) {
            throw new IllegalArgumentException("backoff must be at least 1.0");
        }
    }

    public Duration delayBefore(int attempt) {
        double factor = Math.pow(backoff, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) (delay.toMillis() * factor));
    }
}
