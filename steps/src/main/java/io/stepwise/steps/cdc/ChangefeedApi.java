package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import io.stepwise.steps.support.Json;
import io.stepwise.steps.tidb.support.Uris;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TiCDC OpenAPI v2 (tidb-tooling.md section 1): routes under {@code /api/v2/changefeeds}, the
 * create body ({@code ChangefeedConfig} with {@code replica_config.consistent} in snake_case), 200
 * on success, {@code {error_code, error_msg}} otherwise.
 */
final class ChangefeedApi implements ChangefeedClient {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ChangefeedConfig config;
    private final StepContext context;

    ChangefeedApi(ChangefeedConfig config, StepContext context) {
        this.config = config;
        this.context = context;
    }

    String base() {
        String server = config.server().endsWith("/") ? config.server().substring(0, config.server().length() - 1)
                : config.server();
        return server + "/api/v2/changefeeds";
    }

    private String route(String suffix) {
        return base() + "/" + config.changefeedId() + suffix
                + config.namespace().map(ns -> "?namespace=" + Uris.encode(ns)).orElse("");
    }

    private Map<String, String> headers(boolean body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body) {
            headers.put("Content-Type", "application/json");
        }
        config.user().ifPresent(user -> {
            String token = Base64.getEncoder().encodeToString(
                    (user + ":" + config.password().orElse("")).getBytes(StandardCharsets.UTF_8));
            context.markSecret(token);
            headers.put("Authorization", "Basic " + token);
        });
        return headers;
    }

    private HttpAction request(String method, String url, Optional<Object> body) {
        return new HttpAction(method, url, headers(body.isPresent()), body.map(Json::pretty), Optional.of(TIMEOUT));
    }

    /** The create body: id, sink, start_ts (a number once known), target_ts, replica_config. */
    static Map<String, Object> createBody(ChangefeedConfig config) {
        Map<String, Object> body = new LinkedHashMap<>();
        config.namespace().ifPresent(ns -> body.put("namespace", ns));
        body.put("changefeed_id", config.changefeedId());
        body.put("sink_uri", config.spec().sinkUri().orElse(""));
        config.spec().startTs().ifPresent(ts -> body.put("start_ts", ts));
        config.spec().targetTs().ifPresent(ts -> body.put("target_ts", ts));
        if (config.spec().hasReplicaConfig()) {
            body.put("replica_config", replicaConfig(config.spec()));
        }
        return body;
    }

    /**
     * The update body. The server rebuilds the replica config from its defaults plus the body's
     * {@code replica_config} (tiflow {@code api_helpers.go} verifyUpdateChangefeedConfig,
     * {@code model.go} ToInternalReplicaConfig), so a partial one would turn redo off: the config is the
     * current one (GET) with the plan's keys merged in, sent whole. An empty sink_uri keeps the old
     * sink (the GET shows it with the password redacted, so it is never sent back).
     */
    static Map<String, Object> updateBody(ChangefeedConfig config, Map<String, Object> currentReplicaConfig) {
        Map<String, Object> body = new LinkedHashMap<>();
        config.spec().sinkUri().ifPresent(uri -> body.put("sink_uri", uri));
        config.spec().targetTs().ifPresent(ts -> body.put("target_ts", ts));
        if (config.spec().hasReplicaConfig()) {
            body.put("replica_config", merge(currentReplicaConfig, replicaConfig(config.spec())));
        }
        return body;
    }

    /** {@code base} with {@code changes} laid over it, mappings merged key by key at every depth. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        changes.forEach((key, value) -> {
            Object old = out.get(key);
            out.put(key, old instanceof Map<?, ?> o && value instanceof Map<?, ?> v
                    ? merge((Map<String, Object>) o, (Map<String, Object>) v) : value);
        });
        return out;
    }

    /** replica_config in the API's snake_case, with consistent (redo) and syncpoint from their own parameters. */
    static Map<String, Object> replicaConfig(ChangefeedConfig.Spec spec) {
        Map<String, Object> replica = new LinkedHashMap<>(spec.replicaConfig());
        spec.enableSyncPoint().ifPresent(v -> replica.put("enable_sync_point", v));
        spec.syncPointInterval().ifPresent(v -> replica.put("sync_point_interval", v));
        spec.redoStorage().ifPresent(storage -> {
            Map<String, Object> consistent = new LinkedHashMap<>();
            consistent.put("level", spec.redoLevel());
            spec.redoMaxLogSize().ifPresent(v -> consistent.put("max_log_size", v));
            spec.redoFlushInterval().ifPresent(v -> consistent.put("flush_interval", v));
            consistent.put("storage", storage);
            spec.redoCompression().ifPresent(v -> consistent.put("compression", v));
            replica.put("consistent", consistent);
        });
        return replica;
    }

    HttpAction createAction() {
        return request("POST", base(), Optional.of(createBody(config)));
    }

    HttpAction getAction() {
        return request("GET", route(""), Optional.empty());
    }

    HttpAction statusAction() {
        return request("GET", route("/status"), Optional.empty());
    }

    HttpAction pauseAction() {
        return request("POST", route("/pause"), Optional.empty());
    }

    /** Resume binds its body strictly: {@code {}} at least, never an empty body. */
    HttpAction resumeAction() {
        Map<String, Object> body = new LinkedHashMap<>();
        config.overwriteCheckpointTs().ifPresent(ts -> body.put("overwrite_checkpoint_ts", ts));
        return request("POST", route("/resume"), Optional.of(body));
    }

    HttpAction updateAction(Map<String, Object> currentReplicaConfig) {
        return request("PUT", route(""), Optional.of(updateBody(config, currentReplicaConfig)));
    }

    HttpAction removeAction() {
        return request("DELETE", route(""), Optional.empty());
    }

    @Override
    public List<Action> plan(ChangefeedConfig.Action action) {
        return switch (action) {
            case CREATE -> List.of(createAction());
            case QUERY -> List.of(getAction());
            case PAUSE -> List.of(pauseAction(), statusAction());
            case RESUME -> List.of(resumeAction());
            case UPDATE -> List.of(statusAction(), getAction(), new io.stepwise.engine.spi.action.NoteAction(
                    "replica_config below is merged into the current config read above and sent whole (the server"
                    + " rebuilds it from defaults plus the body: a partial one would turn redo off)"),
                    updateAction(Map.of()));
            case REMOVE -> List.of(getAction(), removeAction(), getAction());
            case WAIT -> List.of(statusAction());
        };
    }

    private HttpResult send(HttpAction action, String what) {
        HttpResult result = context.actions().http(action);
        if (result.status() != 200) {
            throw CdcErrors.fromApi(what, result.status(), result.json(), context.mask(result.body()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private ChangefeedState state(HttpResult result) {
        Map<String, Object> json = result.json() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return ChangefeedState.from(config.changefeedId(), json);
    }

    private String what(String verb) {
        return verb + " changefeed '" + config.changefeedId() + "' at " + config.server();
    }

    @Override
    public ChangefeedState create() {
        return state(send(createAction(), what("create")));
    }

    @Override
    public Optional<ChangefeedState> find() {
        HttpResult result = context.actions().http(getAction());
        if (result.status() == 400 && result.json() instanceof Map<?, ?> m
                && String.valueOf(m.get("error_code")).endsWith("ErrChangeFeedNotExists")) {
            return Optional.empty();
        }
        if (result.status() != 200) {
            throw CdcErrors.fromApi(what("get"), result.status(), result.json(), context.mask(result.body()));
        }
        return Optional.of(state(result));
    }

    @Override
    public ChangefeedState status() {
        return state(send(statusAction(), what("get the status of")));
    }

    @Override
    public void pause() {
        send(pauseAction(), what("pause"));
    }

    @Override
    public void resume() {
        send(resumeAction(), what("resume"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public ChangefeedState update() {
        HttpResult current = send(getAction(), what("read the config of"));
        Map<String, Object> info = current.json() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> replica = info.get("config") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        if (config.spec().hasReplicaConfig() && replica.isEmpty()) {
            throw new StepFailedException("TiCDC returned no config for changefeed '" + config.changefeedId()
                    + "'; an update would rebuild it from defaults (redo off)", "check the TiCDC version");
        }
        return state(send(updateAction(replica), what("update")));
    }

    @Override
    public void remove() {
        send(removeAction(), what("remove"));
    }
}
