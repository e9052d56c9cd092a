package io.stepwise.steps.s3;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code s3}: bucket and object operations on TiDB-style storage URIs (S3, MinIO, S3Proxy, local paths). */
public final class S3Step implements StepType<S3Config> {
    static final List<String> ACTIONS = List.of("ensure-bucket", "list", "put", "get", "delete", "exists");
    private static final long DEFAULT_MAX_TEXT = 1024 * 1024;

    static final Param<String> ACTION = Param.string(Param.ACTION).required().allowed(ACTIONS.toArray(String[]::new))
            .description("What to do: ensure-bucket creates the URI's bucket when missing; list the keys under "
                    + "the prefix; put a file or text; get an object; delete it (or everything under the prefix "
                    + "with recursive); exists tells whether the object is there.")
            .example("put");
    static final Param<String> URI = Param.string("uri").required()
            .description("The object or prefix, as BR and TiCDC take it: s3://bucket/key?access-key=...&"
                    + "secret-access-key=...&endpoint=http://127.0.0.1:9000&force-path-style=true&region=..., "
                    + "local:///path or a plain path. The secret key and session token are masked wherever shown.")
            .example("s3://backup/dump.sql?access-key=minio&secret-access-key=${inputs.s3_secret}"
                    + "&endpoint=http://127.0.0.1:9000");
    static final Param<String> SOURCE = Param.string("source").onlyFor("put")
            .description("put: the local file to upload; when the URI ends with '/', the file name is appended.")
            .example("${run.dir}/report.txt");
    static final Param<String> CONTENT = Param.text("content").onlyFor("put")
            .description("put: a text to store instead of a file.").example("done");
    static final Param<String> DESTINATION = Param.string("destination").onlyFor("get")
            .description("get: the local file to write; without it the object is returned as the output "
                    + "'content' (at most max_text_bytes).")
            .example("/tmp/dump.sql");
    static final Param<Boolean> RECURSIVE = Param.bool("recursive").onlyFor("delete").defaultValue(false)
            .description("delete: remove every object under the prefix.");
    static final Param<Long> MAX_KEYS = Param.integer("max_keys").onlyFor("list").defaultValue(1000L)
            .min(1L).max((long) Integer.MAX_VALUE)
            .description("list: at most this many keys.");
    static final Param<Long> MAX_TEXT_BYTES = Param.integer("max_text_bytes").onlyFor("get").defaultValue(DEFAULT_MAX_TEXT)
            .min(1L).max((long) Integer.MAX_VALUE - 8)
            .description("get without destination: the largest object returned as text.");

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String description() {
        return "Creates buckets and puts, gets, lists, checks and deletes objects at a storage URI (s3:// or a local path).";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(ACTION, URI, SOURCE, CONTENT, DESTINATION, RECURSIVE, MAX_KEYS, MAX_TEXT_BYTES);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("location", ParamType.STRING, "The object or prefix, without options: s3://bucket/key or a path."),
                OutputDescriptor.of("exists", ParamType.BOOLEAN, "exists: whether the object is there."),
                OutputDescriptor.of("bytes", ParamType.INTEGER, "put, get, exists: the object's size."),
                OutputDescriptor.of("keys", ParamType.STRING_LIST, "list: the keys under the prefix."),
                OutputDescriptor.of("count", ParamType.INTEGER, "list: how many keys; delete: how many objects were deleted."),
                OutputDescriptor.of("created", ParamType.BOOLEAN, "ensure-bucket: whether the bucket was created now."),
                OutputDescriptor.of("content", ParamType.TEXT, "get without destination: the object as text."),
                OutputDescriptor.of("path", ParamType.STRING, "get with destination: the file written."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        params.literal(URI).ifPresent(uri -> {
            try {
                StorageUri.parse(uri);
            } catch (IllegalArgumentException e) {
                problems.add(URI.name(), e.getMessage());
            }
        });
        if (params.literal(ACTION).filter("put"::equals).isPresent() && params.has(SOURCE) == params.has(CONTENT)) {
            problems.add(SOURCE.name(), "put needs exactly one of source and content",
                    "source: a local file to upload, or content: a text");
        }
    }

    @Override
    public S3Config bind(Params params) {
        String action = params.get(ACTION);
        StorageUri uri = StorageUri.parse(params.get(URI));
        Optional<String> source = params.find(SOURCE);
        if (action.equals("put") && source.isPresent() && uri.isPrefix()) {
            uri = uri.resolve(Path.of(source.get()).getFileName().toString());
        }
        return new S3Config(action, uri, source, params.find(CONTENT), params.find(DESTINATION), params.get(RECURSIVE),
                params.get(MAX_KEYS).intValue(), params.get(MAX_TEXT_BYTES));
    }

    @Override
    public List<Action> plan(S3Config config, StepContext context) {
        Optional<String> local = switch (config.action()) {
            case "put" -> config.source();
            case "get" -> config.destination();
            default -> Optional.empty();
        };
        String operation = config.action().equals("delete") && config.recursive() ? "delete-recursive" : config.action();
        return List.of(new S3Action(operation, config.uri(), local));
    }

    @Override
    public StepResult execute(S3Config config, StepContext context) {
        StorageUri uri = config.uri();
        uri.secrets().forEach(context::markSecret);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", uri.location());
        try (Storage storage = Storage.open(uri)) {
            switch (config.action()) {
                case "ensure-bucket" -> out.put("created", storage.ensureContainer());
                case "list" -> {
                    List<Storage.StoredObject> objects = storage.list(config.maxKeys());
                    out.put("keys", objects.stream().map(Storage.StoredObject::key).toList());
                    out.put("count", (long) objects.size());
                    out.put("bytes", objects.stream().mapToLong(Storage.StoredObject::size).sum());
                }
                case "put" -> {
                    context.progress("uploading to " + uri.location());
                    long bytes = config.source().isPresent() ? storage.put(Path.of(config.source().get()))
                            : storage.putText(config.content().orElse(""));
                    out.put("bytes", bytes);
                }
                case "get" -> {
                    if (config.destination().isPresent()) {
                        context.progress("downloading " + uri.location());
                        out.put("bytes", storage.get(Path.of(config.destination().get())));
                        out.put("path", Path.of(config.destination().get()).toAbsolutePath().toString());
                    } else {
                        String text = storage.getText(config.maxTextBytes());
                        out.put("content", text);
                        out.put("bytes", (long) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                    }
                }
                case "delete" -> out.put("count", (long) storage.delete(config.recursive()));
                case "exists" -> {
                    Optional<Long> size = storage.size();
                    out.put("exists", size.isPresent());
                    out.put("bytes", size.orElse(0L));
                }
                default -> throw new IllegalStateException("unknown action " + config.action());
            }
        }
        return new StepResult(out);
    }

    @Override
    public Reversibility reversibility(S3Config config) {
        return switch (config.action()) {
            case "list", "exists", "get" -> Reversibility.NOTHING_TO_UNDO;
            case "put" -> Reversibility.SELF;
            default -> Reversibility.NEEDS_PERSON;
        };
    }

    @Override
    public List<Action> planRollback(S3Config config, StepResult result, StepContext context) {
        return config.action().equals("put") ? List.of(S3Action.of("delete", config.uri())) : List.of();
    }

    @Override
    public void rollback(S3Config config, StepResult result, StepContext context) {
        if (!config.action().equals("put")) {
            throw new UnsupportedOperationException("s3 " + config.action() + " cannot roll back");
        }
        config.uri().secrets().forEach(context::markSecret);
        try (Storage storage = Storage.open(config.uri())) {
            storage.delete(false);
        }
    }

    @Override
    public boolean idempotent(S3Config config) {
        return true;
    }
}
