package io.stepwise.steps.tidb.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process TiCDC OpenAPI v2 as tidb-tooling.md section 1 documents it: routes under
 * {@code /api/v2}, 503 {@code CDC:ErrServerIsNotReady} before ready, 200 with a ChangeFeedInfo on
 * create, 400 with {@code CDC:ErrChangeFeedNotExists} for an unknown id, the create checks in their
 * documented order (sink, id, start_ts vs current TSO, GC safepoint), strict JSON binding of resume,
 * update refused unless stopped or failed, an update's replica config rebuilt from the defaults plus
 * the body (tiflow {@code ToInternalReplicaConfig}: a partial body turns redo off), the sink URI shown
 * with its password redacted, ineligible tables refused ({@code ErrTableIneligible}) unless
 * {@code ignore_ineligible_table} or {@code force_replicate}, remove answering 200 even for an unknown
 * id, and the error body {@code {"error_msg", "error_code"}}. It stands for the contract, not for TiCDC.
 */
public final class FakeTiCdc implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Map<String, Object>> changefeeds = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean ready = true;
    private volatile long gcSafepoint = 0;
    private volatile long currentTso = (System.currentTimeMillis() << 18);
    private volatile int statusReadsBeforeStopped = 0;
    private volatile List<String> ineligibleTables = List.of();

    /** A request as the server received it. */
    public record Request(String method, String path, String query, String body, Map<String, String> headers) {
    }

    public FakeTiCdc() throws IOException {
        this(0);
    }

    /** On a given loopback port (0 for any free one). */
    public FakeTiCdc(int port) throws IOException {
        this(port, true);
    }

    /** On a given loopback port, answering 503 until {@link #ready(boolean)} when not ready. */
    public FakeTiCdc(int port, boolean ready) throws IOException {
        this.ready = ready;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public FakeTiCdc ready(boolean value) {
        ready = value;
        return this;
    }

    public FakeTiCdc gcSafepoint(long tso) {
        gcSafepoint = tso;
        return this;
    }

    public FakeTiCdc currentTso(long tso) {
        currentTso = tso;
        return this;
    }

    /** A pause is accepted at once but the state turns stopped only after this many status reads. */
    public FakeTiCdc pauseTakes(int statusReads) {
        statusReadsBeforeStopped = statusReads;
        return this;
    }

    /** Tables of the upstream without a primary key or not-null unique key, as TiCDC finds them. */
    public FakeTiCdc ineligibleTables(String... tables) {
        ineligibleTables = List.of(tables);
        return this;
    }

    /** The replica config a changefeed gets when nothing is said (pkg/config GetDefaultReplicaConfig, in part). */
    static Map<String, Object> defaultReplicaConfig() {
        Map<String, Object> consistent = new LinkedHashMap<>();
        consistent.put("level", "none");
        consistent.put("max_log_size", 64);
        consistent.put("flush_interval", 2000);
        consistent.put("meta_flush_interval", 200);
        consistent.put("storage", "");
        consistent.put("use_file_backend", false);
        consistent.put("compression", "");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("memory_quota", 1073741824);
        config.put("case_sensitive", false);
        config.put("force_replicate", false);
        config.put("ignore_ineligible_table", false);
        config.put("check_gc_safe_point", true);
        config.put("enable_sync_point", false);
        config.put("sync_point_interval", "10m0s");
        config.put("sync_point_retention", "24h0m0s");
        config.put("consistent", consistent);
        return config;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> overlay(Map<String, Object> base, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        body.forEach((k, v) -> out.put(k, out.get(k) instanceof Map<?, ?> o && v instanceof Map<?, ?> m
                ? overlay((Map<String, Object>) o, (Map<String, Object>) m) : v));
        return out;
    }

    /** The sink URI as url.Redacted() shows it: the password as xxxxx. */
    static String redacted(Object sink) {
        return String.valueOf(sink).replaceFirst("^([a-z+]+://[^:@/]+):[^@/]*@", "$1:xxxxx@");
    }

    /** What GET and create answer: the stored info with the sink's password redacted. */
    private static Map<String, Object> shown(Map<String, Object> info) {
        Map<String, Object> copy = new LinkedHashMap<>(info);
        copy.put("sink_uri", redacted(info.get("sink_uri")));
        return copy;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Map<String, Object> changefeed(String id) {
        return changefeeds.get(id);
    }

    /** Adds an existing changefeed, as the server would hold it after create. */
    public void put(String id, String state, long checkpointTs, String redoLevel) {
        Map<String, Object> info = info(id, "mysql://root:down-pw@127.0.0.1:4001/", checkpointTs, 0,
                overlay(defaultReplicaConfig(), Map.of("consistent", Map.of("level", redoLevel,
                        "storage", "s3://redo/" + id + "?secret-access-key=miniostorage"))));
        info.put("state", state);
        changefeeds.put(id, info);
    }

    public void advance(String id, long checkpointTs) {
        changefeeds.get(id).put("checkpoint_ts", checkpointTs);
        changefeeds.get(id).put("resolved_ts", checkpointTs);
    }

    public void fail(String id, String code, String message) {
        Map<String, Object> info = changefeeds.get(id);
        info.put("state", "failed");
        info.put("error", Map.of("addr", "127.0.0.1:8300", "code", code, "message", message));
    }

    private static Map<String, Object> info(String id, String sink, long startTs, long targetTs,
            Map<String, Object> config) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("upstream_id", 7_300_000_000_000_000_001L);
        info.put("namespace", "default");
        info.put("id", id);
        info.put("sink_uri", sink);
        info.put("create_time", "2024-05-01 10:00:00.000");
        info.put("start_ts", startTs);
        info.put("target_ts", targetTs);
        info.put("admin_job_type", 0);
        info.put("config", config);
        info.put("state", "normal");
        info.put("error", null);
        info.put("creator_version", "v8.5.1");
        info.put("resolved_ts", startTs);
        info.put("checkpoint_ts", startTs);
        info.put("checkpoint_time", "2024-05-01 10:00:00.000");
        info.put("task_status", List.of());
        return info;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        requests.add(new Request(method, path, exchange.getRequestURI().getQuery(), body, headers));
        try {
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            reply(exchange, 500, error("CDC:ErrInternalServerError", String.valueOf(e.getMessage())));
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        if (path.equals("/status")) {
            reply(exchange, 200, Map.of("version", "v8.5.1", "git_hash", "abc", "id", "capture-1", "pid", 42,
                    "is_owner", true));
            return;
        }
        if (!path.startsWith("/api/v2/")) {
            reply(exchange, 404, Map.of());
            return;
        }
        if (!ready) {
            reply(exchange, 503, error("CDC:ErrServerIsNotReady", "cdc server is not ready"));
            return;
        }
        List<String> parts = List.of(path.substring("/api/v2/".length()).split("/"));
        if (parts.get(0).equals("status") && method.equals("GET")) {
            reply(exchange, 200, Map.of("version", "v8.5.1", "git_hash", "abc", "id", "capture-1",
                    "cluster_id", "default", "pid", 42, "is_owner", true, "liveness", 0));
        } else if (parts.get(0).equals("tso") && method.equals("POST")) {
            reply(exchange, 200, Map.of("timestamp", currentTso >>> 18, "logic_time", currentTso & 0x3FFFF));
        } else if (parts.get(0).equals("changefeeds") && parts.size() == 1) {
            if (method.equals("POST")) {
                create(exchange, body);
            } else {
                list(exchange);
            }
        } else if (parts.get(0).equals("changefeeds")) {
            one(exchange, method, parts.get(1), parts.size() > 2 ? parts.get(2) : "", body);
        } else {
            reply(exchange, 404, Map.of());
        }
    }

    @SuppressWarnings("unchecked")
    private void create(HttpExchange exchange, String body) throws IOException {
        Map<String, Object> config = JSON.readValue(body, Map.class);
        String sink = String.valueOf(config.getOrDefault("sink_uri", ""));
        String id = String.valueOf(config.getOrDefault("changefeed_id", ""));
        long startTs = ((Number) config.getOrDefault("start_ts", 0L)).longValue();
        long targetTs = ((Number) config.getOrDefault("target_ts", 0L)).longValue();
        if (sink.isEmpty()) {
            reply(exchange, 400, error("CDC:ErrSinkURIInvalid", "sink uri is empty"));
        } else if (!id.matches("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*") || id.length() > 128) {
            reply(exchange, 400, error("CDC:ErrAPIInvalidParam", "invalid changefeed_id: " + id));
        } else if (changefeeds.containsKey(id)) {
            reply(exchange, 500, error("CDC:ErrChangeFeedAlreadyExists", "changefeed already exists, " + id));
        } else if (startTs > currentTso) {
            reply(exchange, 400, error("CDC:ErrAPIInvalidParam", "invalid start-ts " + startTs
                    + ", larger than current tso " + currentTso));
        } else if (startTs != 0 && startTs <= gcSafepoint) {
            reply(exchange, 400, error("CDC:ErrStartTsBeforeGC", "fail to create or maintain changefeed because"
                    + " start-ts " + startTs + " is earlier than or equal to GC safepoint at " + gcSafepoint));
        } else if (targetTs != 0 && targetTs <= startTs) {
            reply(exchange, 400, error("CDC:ErrTargetTsBeforeStartTs", "target-ts is before start-ts"));
        } else if (!ineligibleTables.isEmpty() && !Boolean.TRUE.equals(((Map<String, Object>) config
                .getOrDefault("replica_config", Map.of())).get("ignore_ineligible_table"))
                && !Boolean.TRUE.equals(((Map<String, Object>) config.getOrDefault("replica_config", Map.of()))
                        .get("force_replicate"))) {
            reply(exchange, 400, error("CDC:ErrTableIneligible", "some tables are not eligible to replicate("
                    + ineligibleTables + "), if you want to ignore these tables, please set ignore_ineligible_table"
                    + " to true"));
        } else {
            Map<String, Object> replica = (Map<String, Object>) config.getOrDefault("replica_config", Map.of());
            Map<String, Object> info = info(id, sink, startTs == 0 ? currentTso : startTs, targetTs,
                    overlay(defaultReplicaConfig(), replica));
            changefeeds.put(id, info);
            reply(exchange, 200, shown(info));
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        changefeeds.values().forEach(info -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("upstream_id", info.get("upstream_id"));
            item.put("namespace", info.get("namespace"));
            item.put("id", info.get("id"));
            item.put("state", info.get("state"));
            item.put("checkpoint_tso", info.get("checkpoint_ts"));
            item.put("checkpoint_time", info.get("checkpoint_time"));
            item.put("error", info.get("error"));
            items.add(item);
        });
        reply(exchange, 200, Map.of("total", items.size(), "items", items));
    }

    @SuppressWarnings("unchecked")
    private void one(HttpExchange exchange, String method, String id, String action, String body) throws IOException {
        Map<String, Object> info = changefeeds.get(id);
        if (method.equals("DELETE") && action.isEmpty()) {
            changefeeds.remove(id);
            reply(exchange, 200, Map.of());
            return;
        }
        if (info == null) {
            reply(exchange, 400, error("CDC:ErrChangeFeedNotExists", "changefeed not exists, key: " + id));
            return;
        }
        switch (method + " " + action) {
            case "GET ", "GET meta_info" -> reply(exchange, 200, shown(info));
            case "GET status" -> {
                if ("stopping".equals(info.get("state")) && statusReadsBeforeStopped-- <= 0) {
                    info.put("state", "stopped");
                }
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("state", "stopping".equals(info.get("state")) ? "normal" : info.get("state"));
                status.put("resolved_ts", info.get("resolved_ts"));
                status.put("checkpoint_ts", info.get("checkpoint_ts"));
                if (info.get("error") != null) {
                    status.put("last_error", info.get("error"));
                }
                reply(exchange, 200, status);
            }
            case "POST pause" -> {
                info.put("state", statusReadsBeforeStopped > 0 ? "stopping" : "stopped");
                reply(exchange, 200, Map.of());
            }
            case "POST resume" -> {
                if (body.isBlank()) {
                    reply(exchange, 400, error("CDC:ErrAPIInvalidParam", "EOF"));
                    return;
                }
                JSON.readValue(body, Map.class);
                info.put("state", "normal");
                info.put("error", null);
                reply(exchange, 200, Map.of());
            }
            case "PUT " -> {
                if (!List.of("stopped", "failed").contains(String.valueOf(info.get("state")))) {
                    reply(exchange, 400, error("CDC:ErrChangefeedUpdateRefused",
                            "can only update changefeed config when it is stopped or failed"));
                    return;
                }
                Map<String, Object> update = JSON.readValue(body, Map.class);
                if (update.containsKey("sink_uri")) {
                    info.put("sink_uri", update.get("sink_uri"));
                }
                if (update.containsKey("target_ts")) {
                    info.put("target_ts", update.get("target_ts"));
                }
                if (update.get("replica_config") instanceof Map<?, ?> replica) {
                    // rebuilt from the defaults plus the body, not merged onto the old config
                    info.put("config", overlay(defaultReplicaConfig(), (Map<String, Object>) replica));
                }
                reply(exchange, 200, shown(info));
            }
            default -> reply(exchange, 404, Map.of());
        }
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_msg", message);
        error.put("error_code", code);
        return error;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
