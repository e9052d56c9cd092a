package io.stepwise.engine.spi.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An HTTP response; {@code json} holds the parsed body when it is JSON, else null. */
public record HttpResult(int status, Map<String, String> headers, String body, Object json) {
    public HttpResult {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }
}
