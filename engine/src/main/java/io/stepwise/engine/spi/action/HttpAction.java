package io.stepwise.engine.spi.action;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An HTTP request. */
public record HttpAction(String method, String url, Map<String, String> headers, Optional<String> body,
        Optional<Duration> timeout) implements Action {

    public HttpAction {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public String summary() {
        return method + " " + url;
    }

    @Override
    public Optional<String> block() {
        StringBuilder text = new StringBuilder();
        headers.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        body.ifPresent(b -> text.append(headers.isEmpty() ? "" : "\n").append(b));
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString().stripTrailing());
    }

    @Override
    public String blockLanguage() {
        return "http";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        fields.put("url", url);
        fields.put("headers", headers);
        body.ifPresent(b -> fields.put("body", b));
        return fields;
    }
}
