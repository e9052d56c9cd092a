package io.stepwise.steps.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bound {@code http} step.
 *
 * @param expectStatus the statuses that count as success, as their digits; empty means any 2xx
 */
public record HttpConfig(String method, String url, Map<String, String> headers, Optional<String> body,
        List<String> expectStatus, Duration timeout) {

    public HttpConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
        expectStatus = List.copyOf(expectStatus);
        Objects.requireNonNull(timeout, "timeout");
    }

    public boolean accepts(int status) {
        return expectStatus.isEmpty() ? status >= 200 && status < 300 : expectStatus.contains(Integer.toString(status));
    }

    /** True for methods that only read. */
    public boolean safe() {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
