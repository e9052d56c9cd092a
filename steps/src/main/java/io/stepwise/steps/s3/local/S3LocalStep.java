package io.stepwise.steps.s3.local;

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
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.localservice.Ports;
import io.stepwise.steps.s3.S3Action;
import io.stepwise.steps.s3.Storage;
import io.stepwise.steps.s3.StorageUri;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code s3.local}: an S3 server inside the runner (S3Proxy), with buckets, playing the guide's MinIO. */
public final class S3LocalStep implements StepType<S3LocalConfig> {
    static final Param<String> NAME = Param.string("name")
            .description("The server's name, for logs and the default data dir; defaults to the step id.")
            .example("minio");
    static final Param<Long> PORT = Param.integer("port").required().min(1L).max(65_535L)
            .description("The port to listen on; a port already taken fails the step naming its holder.")
            .example(9000L);
    static final Param<String> HOST = Param.string("host").defaultValue("127.0.0.1")
            .description("The address to listen on.");
    static final Param<String> ACCESS_KEY = Param.string("access_key").defaultValue("stepwise")
            .description("The access key clients sign requests with.").example("minioadmin");
    static final Param<String> SECRET_KEY = Param.string("secret_key").defaultValue("stepwise-secret").secret()
            .description("The secret key; masked wherever shown.").example("${inputs.s3_secret}");
    static final Param<String> STORE = Param.string("store").defaultValue("filesystem").allowed("filesystem", "transient")
            .description("filesystem keeps objects as files under data_dir; transient keeps them in memory.");
    static final Param<String> DATA_DIR = Param.string("data_dir")
            .description("Where a filesystem store keeps its buckets; defaults to s3/<name> in the run dir.")
            .example("/var/tmp/s3");
    static final Param<List<String>> BUCKETS = Param.stringList("buckets").defaultValue(List.of())
            .check(buckets -> buckets.stream().allMatch(b -> b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")),
                    "must be bucket names: 3 to 63 lower-case letters, digits, dots and dashes")
            .description("Buckets to create once the server is up.").example(List.of("backup", "redo"));
    static final Param<Boolean> KEEP = Param.bool("keep").defaultValue(false)
            .description("Leave the server running when the run ends (it still ends with the runner's process).");

    @Override
    public String name() {
        return "s3.local";
    }

    @Override
    public String description() {
        return "Starts an S3 server (S3Proxy) inside the runner on a local port, with credentials and buckets; "
                + "it stops when the run ends unless kept.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(NAME, PORT, HOST, ACCESS_KEY, SECRET_KEY, STORE, DATA_DIR, BUCKETS, KEEP);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("endpoint", ParamType.STRING, "The URL clients use, such as http://127.0.0.1:9000."),
                OutputDescriptor.of("host", ParamType.STRING, "The address it listens on."),
                OutputDescriptor.of("port", ParamType.INTEGER, "The port it listens on."),
                OutputDescriptor.of("access_key", ParamType.STRING, "The access key."),
                new OutputDescriptor("secret_key", ParamType.STRING, "The secret key (masked when shown).", true),
                new OutputDescriptor("uri_options", ParamType.STRING, "The query of a storage URI for this server: "
                        + "access-key=...&secret-access-key=...&endpoint=...&force-path-style=true (masked when shown).", true),
                OutputDescriptor.of("data_dir", ParamType.STRING, "Where a filesystem store keeps its buckets."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        if (params.literal(STORE).filter("transient"::equals).isPresent() && params.has(DATA_DIR)) {
            problems.add(DATA_DIR.name(), "a transient store keeps objects in memory and has no data_dir",
                    "remove data_dir or use store: filesystem");
        }
    }

    @Override
    public S3LocalConfig bind(Params params) {
        return new S3LocalConfig(params.find(NAME).orElse(params.stepId()), params.get(HOST), params.get(PORT).intValue(),
                params.get(ACCESS_KEY), params.get(SECRET_KEY), params.get(STORE), params.find(DATA_DIR),
                params.get(BUCKETS), params.get(KEEP));
    }

    @Override
    public List<Action> plan(S3LocalConfig config, StepContext context) {
        List<Action> actions = new ArrayList<>();
        actions.add(new NoteAction("start S3Proxy '" + config.name() + "' in the runner at " + config.endpoint() + " ("
                + (config.store().equals("filesystem") ? "files under " + dataDir(config, context) : "in memory")
                + ", access key " + config.accessKey() + ")" + (config.keep() ? ", kept after the run" : "")));
        for (String bucket : config.buckets()) {
            actions.add(S3Action.of("ensure-bucket", bucketUri(config, bucket)));
        }
        return actions;
    }

    @Override
    public StepResult execute(S3LocalConfig config, StepContext context) {
        context.markSecret(config.secretKey());
        Ports.requireFree(config.host(), config.port(), "s3.local '" + config.name() + "'");
        Path dataDir = dataDir(config, context);
        Path log = context.runDir().resolve("logs").resolve("s3.local-" + config.name() + ".log");
        context.progress("starting S3Proxy on " + config.endpoint());
        S3LocalServer server;
        try {
            server = S3LocalServer.start(config, dataDir, log);
        } catch (BindException e) {
            throw Ports.taken(config.host(), config.port(), "s3.local '" + config.name() + "'");
        } catch (Exception e) {
            throw new StepFailedException("S3Proxy did not start on " + config.endpoint() + ": " + e.getMessage(),
                    "see the runner's log", e);
        }
        context.registerBackground(server, config.keep());
        for (String bucket : config.buckets()) {
            try (Storage storage = Storage.open(bucketUri(config, bucket))) {
                storage.ensureContainer();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", config.endpoint());
        out.put("host", config.host());
        out.put("port", (long) server.port());
        out.put("access_key", config.accessKey());
        out.put("secret_key", config.secretKey());
        out.put("uri_options", uriOptions(config));
        out.put("data_dir", config.store().equals("filesystem") ? dataDir.toString() : "");
        return new StepResult(out);
    }

    static String uriOptions(S3LocalConfig config) {
        return "access-key=" + config.accessKey() + "&secret-access-key=" + config.secretKey() + "&endpoint="
                + config.endpoint() + "&force-path-style=true";
    }

    private static StorageUri bucketUri(S3LocalConfig config, String bucket) {
        return StorageUri.parse("s3://" + bucket + "/?" + uriOptions(config));
    }

    private static Path dataDir(S3LocalConfig config, StepContext context) {
        return config.dataDir().map(d -> context.runDir().resolve(d))
                .orElseGet(() -> context.runDir().resolve("s3").resolve(config.name())).toAbsolutePath().normalize();
    }

    @Override
    public boolean supportsBackground() {
        return true;
    }

    /** It lives in the runner and dies with it, so starting it again after a crash in the middle is safe. */
    @Override
    public boolean idempotent(S3LocalConfig config) {
        return true;
    }

    /** A filesystem store starts again on its same files; a transient one would come back empty. */
    @Override
    public boolean restartable(S3LocalConfig config) {
        return config.store().equals("filesystem");
    }

    @Override
    public StepResult restart(S3LocalConfig config, StepResult previous, StepContext context) {
        if (!restartable(config)) {
            throw new UnsupportedOperationException("a transient s3.local store cannot come back with its objects");
        }
        return execute(config, context);
    }

    @Override
    public Reversibility reversibility(S3LocalConfig config) {
        return Reversibility.SELF;
    }

    @Override
    public List<Action> planRollback(S3LocalConfig config, StepResult result, StepContext context) {
        return List.of(new NoteAction("stop S3Proxy '" + config.name() + "' at " + config.endpoint()));
    }

    /** The server is this step's background resource, which the run holds: it stops it. */
    @Override
    public void rollback(S3LocalConfig config, StepResult result, StepContext context) {
        context.stopBackground(context.stepId());
    }
}
