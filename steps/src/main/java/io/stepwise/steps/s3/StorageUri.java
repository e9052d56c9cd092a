package io.stepwise.steps.s3;

import io.stepwise.engine.spi.Secrets;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A TiDB-style external storage URI, as BR, Dumpling and TiCDC take it:
 * {@code s3://bucket/prefix?access-key=...&secret-access-key=...&endpoint=http://127.0.0.1:9000&force-path-style=true},
 * {@code local:///dir/file}, {@code file:///dir/file} or a plain path. Option names may use dashes or
 * underscores. {@link #toString()} masks the secret key and the session token; {@link #unmasked()} is the
 * URI to hand to a tool.
 *
 * @param scheme {@code s3} or {@code local}
 * @param bucket the bucket (s3), empty for local
 * @param key the object key or prefix without a leading slash (s3), or the file system path (local)
 * @param options the query options with normalized (dashed, lower-case) names, in the order given
 */
public record StorageUri(String scheme, String bucket, String key, Map<String, String> options) {
    /** The mask shown for secret options ({@link Secrets#MASK}). */
    public static final String MASK = Secrets.MASK;

    public StorageUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (isS3() && bucket.isEmpty()) {
            throw new IllegalArgumentException("an s3:// URI needs a bucket, as in s3://backup/prefix");
        }
    }

    /** Parses a URI or a plain path; throws {@link IllegalArgumentException} saying what is wrong. */
    public static StorageUri parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the storage URI is empty");
        }
        int colon = value.indexOf("://");
        if (colon < 0) {
            return local(Path.of(value));
        }
        String scheme = value.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = value.substring(colon + 3);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        Map<String, String> options = parseQuery(query);
        switch (scheme) {
            case "s3" -> {
                int slash = rest.indexOf('/');
                String bucket = slash < 0 ? rest : rest.substring(0, slash);
                String key = slash < 0 ? "" : rest.substring(slash + 1);
                if (bucket.isEmpty()) {
                    throw new IllegalArgumentException("'" + mask(value) + "' has no bucket: write s3://<bucket>/<prefix>");
                }
                return new StorageUri("s3", bucket, key, options);
            }
            case "local", "file" -> {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("'" + value + "' has no path: write local:///absolute/path");
                }
                return new StorageUri("local", "", rest, options);
            }
            default -> throw new IllegalArgumentException("unsupported storage scheme '" + scheme + "' in '" + mask(value)
                    + "': use s3://bucket/prefix, local:///path or a plain file path");
        }
    }

    public static StorageUri local(Path path) {
        return new StorageUri("local", "", path.toString(), Map.of());
    }

    /** Masks the secret options in a URI text that may not parse, for error messages. */
    public static String mask(String text) {
        return QUERY_OPTION.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                Secrets.looksSecret(m.group(2)) ? m.group(1) + m.group(2) + "=" + MASK : m.group()));
    }

    private static final java.util.regex.Pattern QUERY_OPTION = java.util.regex.Pattern.compile("([?&])([^=&?#]+)=([^&]*)");

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.matches("[A-Za-z0-9_-]+")) {
                name = name.toLowerCase(Locale.ROOT).replace('_', '-');
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            options.put(name, value);
        }
        return options;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public boolean isS3() {
        return "s3".equals(scheme);
    }

    public boolean isLocal() {
        return "local".equals(scheme);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).filter(v -> !v.isEmpty());
    }

    public Optional<String> accessKey() {
        return option("access-key");
    }

    public Optional<String> secretAccessKey() {
        return option("secret-access-key");
    }

    public Optional<String> sessionToken() {
        return option("session-token");
    }

    public Optional<String> endpoint() {
        return option("endpoint");
    }

    public Optional<String> region() {
        return option("region");
    }

    /** Path-style addressing: on unless {@code force-path-style=false}, as in BR. */
    public boolean forcePathStyle() {
        return option("force-path-style").map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    /** The local path (local URIs only). */
    public Path path() {
        if (!isLocal()) {
            throw new IllegalStateException(this + " is not a local path");
        }
        return Path.of(key);
    }

    /** True when the URI names a directory or prefix rather than one object (empty key or trailing slash). */
    public boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** A URI for {@code name} inside this prefix; the options are kept. */
    public StorageUri resolve(String name) {
        String child = name.startsWith("/") ? name.substring(1) : name;
        String base = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new StorageUri(scheme, bucket, base + child, options);
    }

    /** This URI naming an object: itself, or {@code defaultName} inside it when it names a prefix. */
    public StorageUri object(String defaultName) {
        return isPrefix() ? resolve(defaultName) : this;
    }

    /** The secret values in this URI, to register with the run's masking. */
    public java.util.List<String> secrets() {
        return options.entrySet().stream().filter(e -> Secrets.looksSecret(e.getKey()) && !e.getValue().isEmpty())
                .map(Map.Entry::getValue).toList();
    }

    /** The URI with every option in clear, to hand to a tool. */
    public String unmasked() {
        return render(false);
    }

    /** The location without any option: {@code s3://bucket/key} or the local path. */
    public String location() {
        return isS3() ? "s3://" + bucket + "/" + key : key;
    }

    @Override
    public String toString() {
        return render(true);
    }

    private String render(boolean masked) {
        StringBuilder text = new StringBuilder();
        if (isS3()) {
            text.append("s3://").append(bucket).append('/').append(key);
        } else if (options.isEmpty()) {
            return key;
        } else {
            text.append("local://").append(key);
        }
        if (!options.isEmpty()) {
            text.append('?').append(options.entrySet().stream()
                    .map(e -> e.getValue().isEmpty() ? e.getKey()
                            : e.getKey() + "=" + (masked && Secrets.looksSecret(e.getKey()) ? MASK : encode(e.getValue())))
                    .collect(Collectors.joining("&")));
        }
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/");
    }
}
