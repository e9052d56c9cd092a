package io.stepwise.steps.http;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import io.stepwise.steps.support.Json;
import io.stepwise.steps.support.Texts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code http}: one request. A map or list body is sent as JSON; the response's status is checked
 * (any 2xx unless {@code expect_status} says otherwise) and its body parsed as JSON when it is JSON.
 */
public final class HttpStep implements StepType<HttpConfig> {
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

    static final Param<String> URL = Param.string("url").required()
            .description("The URL; with connection, a path relative to the connection's url.")
            .example("http://127.0.0.1:10080/status");
    static final Param<String> METHOD = Param.string("method").defaultValue("GET").allowed(METHODS)
            .description("The HTTP method.").example("POST");
    static final Param<String> CONNECTION = Param.connection("connection").allowed("http")
            .description("An http connection ({type: http, url, headers}) whose url is the base of url and "
                    + "whose headers are sent too.")
            .example("tidb_status");
    static final Param<Map<String, Object>> HEADERS = Param.map("headers")
            .description("Request headers; they win over the connection's.")
            .example(Map.of("Authorization", "Bearer ${inputs.token}"));
    static final Param<Object> BODY = Param.any("body")
            .description("The request body: a mapping or list is sent as JSON (content-type application/json), "
                    + "text as it is.")
            .example(orderedMap("name", "nightly", "paused", false));
    static final Param<List<Object>> EXPECT_STATUS = Param.list("expect_status")
            .description("The statuses that count as success; any 2xx when not given.")
            .example(List.of(200L, 404L))
            .check(statuses -> statuses.stream().allMatch(HttpStep::isStatus), "must hold HTTP statuses from 100 to 599");
    static final Param<Duration> TIMEOUT = Param.duration("timeout").defaultValue(Duration.ofSeconds(30))
            .min(Duration.ofMillis(1)).description("How long to wait for the response.").example(Duration.ofMinutes(2));

    private static final List<OutputDescriptor> OUTPUTS = List.of(
            OutputDescriptor.of("status", ParamType.INTEGER, "The response status."),
            OutputDescriptor.of("body", ParamType.TEXT, "The response body as text."),
            OutputDescriptor.of("json", ParamType.ANY, "The body parsed as JSON (maps and lists), or null when it is not JSON."),
            OutputDescriptor.of("headers", ParamType.MAP, "Response headers, names in lower case, first value of each."));

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "Sends one HTTP request (JSON body from a mapping), checks the status and parses a JSON response.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(URL, METHOD, CONNECTION, HEADERS, BODY, EXPECT_STATUS, TIMEOUT);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return OUTPUTS;
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        params.literal(URL).ifPresent(url -> {
            if (!params.has(CONNECTION) && !url.matches("(?i)https?://\\S+")) {
                problems.add("url", "url must be an absolute http:// or https:// URL, not '" + url + "'",
                        "or give a connection whose url is the base");
            }
        });
    }

    @Override
    public HttpConfig bind(Params params) {
        String method = params.get(METHOD);
        Map<String, String> headers = new LinkedHashMap<>();
        String url = params.get(URL);
        if (params.find(CONNECTION).isPresent()) {
            ConnectionInfo connection = params.connection(CONNECTION);
            url = join(connection.string("url", ""), url);
            connection.setting("headers").filter(Map.class::isInstance).map(Map.class::cast)
                    .ifPresent(h -> h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v))));
        }
        params.find(HEADERS).ifPresent(given -> given.forEach((k, v) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
            headers.put(k, v == null ? "" : String.valueOf(v));
        }));
        Optional<String> body = body(params.find(BODY).orElse(null), headers);
        List<String> expect = params.find(EXPECT_STATUS).orElse(List.of()).stream().map(HttpStep::statusText).toList();
        return new HttpConfig(method, url, headers, body, expect, params.get(TIMEOUT));
    }

    /** A status as a plan writes it: a whole number from 100 to 599 (or its digits, from an input). */
    private static boolean isStatus(Object value) {
        String text = statusText(value);
        return text.matches("\\d{3}") && Integer.parseInt(text) >= 100 && Integer.parseInt(text) <= 599;
    }

    /**
     * A status as the config keeps it: its digits. Kept as text, not parsed, so a status known only
     * at run time reaches dry-run as its source and the run compares what {@link #EXPECT_STATUS} checked.
     */
    private static String statusText(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue())
                : String.valueOf(value).strip();
    }

    private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return java.util.Collections.unmodifiableMap(map);
    }

    /** A relative URL joined to the connection's base: {@code http://h/api} + {@code status} is {@code http://h/api/status}. */
    static String join(String base, String url) {
        if (url.matches("(?i)https?://.*") || base.isEmpty()) {
            return url;
        }
        return base.replaceAll("/+$", "") + "/" + url.replaceAll("^/+", "");
    }

    private static Optional<String> body(Object body, Map<String, String> headers) {
        if (body == null) {
            return Optional.empty();
        }
        if (body instanceof Map || body instanceof List) {
            if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
                headers.put("Content-Type", "application/json");
            }
            return Optional.of(Json.write(body));
        }
        return Optional.of(String.valueOf(body));
    }

    @Override
    public List<Action> plan(HttpConfig config, StepContext context) {
        return List.of(action(config));
    }

    private static HttpAction action(HttpConfig config) {
        return new HttpAction(config.method(), config.url(), config.headers(), config.body(), Optional.of(config.timeout()));
    }

    @Override
    public StepResult execute(HttpConfig config, StepContext context) {
        HttpResult result = context.actions().http(action(config));
        if (!config.accepts(result.status())) {
            String expected = config.expectStatus().isEmpty() ? "2xx" : config.expectStatus().size() == 1
                    ? String.valueOf(config.expectStatus().get(0)) : "one of " + config.expectStatus();
            String body = Texts.shorten(result.body(), 300);
            throw new StepFailedException(context.mask(config.method() + " " + config.url() + " answered "
                    + result.status() + " (expected " + expected + ")" + (body.isEmpty() ? "" : ": " + body)),
                    "expect_status lists the statuses that count as success");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", result.status());
        values.put("body", result.body());
        values.put("json", result.json());
        values.put("headers", result.headers());
        return new StepResult(values);
    }

    @Override
    public Reversibility reversibility(HttpConfig config) {
        return config.safe() ? Reversibility.NOTHING_TO_UNDO : Reversibility.NEEDS_PERSON;
    }

    @Override
    public boolean idempotent(HttpConfig config) {
        return config.safe();
    }
}
