package io.stepwise.steps.exec;

import io.stepwise.steps.support.Literals;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** When a background process counts as ready: {@code ready: {port}}, {@code {log}} or {@code {http, status}}. */
public sealed interface Readiness {
    Set<String> KEYS = Set.of("port", "log", "http", "status");

    /** What is awaited, as in {@code waiting for port 3306}. */
    String describe();

    /** A TCP connect to host:port succeeds. */
    record Port(String host, int port) implements Readiness {
        public Port {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String describe() {
            return "127.0.0.1".equals(host) ? "port " + port : "port " + host + ":" + port;
        }
    }

    /** A line of the process's output matches the regex. */
    record Log(String regex) implements Readiness {
        public Log {
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public String describe() {
            return "log /" + regex + "/";
        }
    }

    /** A GET of the URL answers the status. */
    record Http(String url, int status) implements Readiness {
        public Http {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String describe() {
            return url + " to answer " + status;
        }
    }

    /** What is wrong with a {@code ready} mapping as written, if anything (templates are not checked). */
    static Optional<String> problem(Map<?, ?> ready) {
        for (Object key : ready.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                return Optional.of("ready has an unknown key '" + key + "'; use one of port, log, http (with status)");
            }
        }
        long kinds = ready.keySet().stream().filter(k -> !"status".equals(k)).count();
        if (kinds != 1) {
            return Optional.of("ready needs exactly one of port, log or http");
        }
        if (ready.containsKey("status") && !ready.containsKey("http")) {
            return Optional.of("ready.status goes with ready.http");
        }
        if (ready.containsKey("port")) {
            return portProblem(ready.get("port"));
        }
        if (ready.containsKey("log")) {
            return Literals.regex("ready.log", ready.get("log"), -1);
        }
        Object status = ready.get("status");
        if (status != null && !Literals.isTemplate(status)
                && Literals.whole(status).filter(s -> s >= 100 && s <= 599).isEmpty()) {
            return Optional.of("ready.status must be an HTTP status (100-599), not '" + status + "'");
        }
        Object url = ready.get("http");
        if (!Literals.isTemplate(url) && !String.valueOf(url).matches("(?i)https?://.+")) {
            return Optional.of("ready.http must be an http:// or https:// URL, not '" + url + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> portProblem(Object port) {
        if (Literals.isTemplate(port)) {
            return Optional.empty();
        }
        String text = String.valueOf(port);
        String number = text.contains(":") ? text.substring(text.lastIndexOf(':') + 1) : text;
        return Literals.whole(number).filter(p -> p >= 1 && p <= 65535).isPresent() ? Optional.empty()
                : Optional.of("ready.port must be a port (1-65535) or host:port, not '" + port + "'");
    }

    /** The readiness of a resolved {@code ready} mapping. */
    static Readiness of(Map<?, ?> ready) {
        ready.forEach((key, value) -> Literals.known("ready." + key, value));
        problem(ready).ifPresent(p -> {
            throw new IllegalArgumentException("parameter 'ready': " + p);
        });
        if (ready.containsKey("port")) {
            String text = String.valueOf(ready.get("port"));
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon).replace("[", "").replace("]", "");
            return new Port(host, Literals.whole(text.substring(colon + 1)).orElseThrow().intValue());
        }
        if (ready.containsKey("log")) {
            return new Log(String.valueOf(ready.get("log")));
        }
        Object status = ready.get("status");
        return new Http(String.valueOf(ready.get("http")),
                status == null ? 200 : Literals.whole(status).orElseThrow().intValue());
    }
}
