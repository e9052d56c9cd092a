package io.stepwise.steps.exec;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a background process counts as ready: {@code ready: {port}}, {@code {log}} or {@code {http, status}}.
 * The rules on a {@code ready} mapping are {@link ExecStep#READY}'s checks; the predicates are here.
 */
public sealed interface Readiness {
    Set<String> KEYS = Set.of("port", "log", "http", "status");

    /** What is awaited, as in {@code waiting for port 3306}. */
    String describe();

    /** A TCP connect to host:port succeeds; the port as its digits (see {@link #of}). */
    record Port(String host, String port) implements Readiness {
        public Port {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(port, "port");
        }

        int number() {
            return Integer.parseInt(port);
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

    /** A GET of the URL answers the status (its digits). */
    record Http(String url, String status) implements Readiness {
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(status, "status");
        }

        boolean answeredBy(int answered) {
            return status.equals(Integer.toString(answered));
        }

        @Override
        public String describe() {
            return url + " to answer " + status;
        }
    }

    static boolean hasKnownKeys(Map<String, Object> ready) {
        return KEYS.containsAll(ready.keySet());
    }

    static boolean hasOneKind(Map<String, Object> ready) {
        long kinds = ready.keySet().stream().filter(k -> !"status".equals(k)).count();
        return kinds == 1 && (!ready.containsKey("status") || ready.containsKey("http"));
    }

    static boolean portIsValid(Map<String, Object> ready) {
        if (!ready.containsKey("port")) {
            return true;
        }
        String text = ExecRules.digits(ready.get("port"));
        String number = text.substring(text.lastIndexOf(':') + 1);
        return number.matches("\\d{1,5}") && Integer.parseInt(number) >= 1 && Integer.parseInt(number) <= 65535;
    }

    static boolean logIsValid(Map<String, Object> ready) {
        return !ready.containsKey("log") || ready.get("log") instanceof String regex && ExecRules.groups(regex) >= 0;
    }

    static boolean httpIsValid(Map<String, Object> ready) {
        if (!ready.containsKey("http")) {
            return true;
        }
        String status = ExecRules.digits(ready.getOrDefault("status", 200L));
        return String.valueOf(ready.get("http")).matches("(?i)https?://.+") && status.matches("\\d{3}")
                && Integer.parseInt(status) >= 100 && Integer.parseInt(status) <= 599;
    }

    /**
     * The readiness of a {@code ready} mapping that passed {@link ExecStep#READY}'s checks. Numbers
     * stay as their digits, so dry-run shows a value known only at run time by its source.
     */
    static Readiness of(Map<String, Object> ready) {
        if (ready.containsKey("port")) {
            String text = ExecRules.digits(ready.get("port"));
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon).replace("[", "").replace("]", "");
            return new Port(host, text.substring(colon + 1));
        }
        if (ready.containsKey("log")) {
            return new Log(String.valueOf(ready.get("log")));
        }
        return new Http(String.valueOf(ready.get("http")), ExecRules.digits(ready.getOrDefault("status", 200L)));
    }
}
