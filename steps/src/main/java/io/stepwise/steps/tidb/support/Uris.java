package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.StepContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storage URIs ({@code s3://bucket/prefix?access-key=..&secret-access-key=..}) and sink URIs
 * ({@code mysql://user:password@host:port/}) as BR and TiCDC read them (tidb-tooling.md 4.2):
 * adding a secret from its own parameter, finding the secrets to mask, stripping the query.
 */
public final class Uris {
    /** Query keys whose values are credentials (BR, TiCDC redo storage, Azure). */
    public static final List<String> SECRET_QUERY_KEYS =
            List.of("secret-access-key", "session-token", "account-key", "sas-token");

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/?#]*)@");

    private Uris() {
    }

    /** The URI with {@code key=value} added to its query (value percent-encoded), replacing an existing key. */
    public static String withQueryParam(String uri, String key, String value) {
        String base = uri;
        String fragment = "";
        int hash = base.indexOf('#');
        if (hash >= 0) {
            fragment = base.substring(hash);
            base = base.substring(0, hash);
        }
        int q = base.indexOf('?');
        String path = q < 0 ? base : base.substring(0, q);
        List<String> pairs = new ArrayList<>();
        if (q >= 0 && q + 1 < base.length()) {
            for (String pair : base.substring(q + 1).split("&")) {
                if (!pair.isEmpty() && !pair.split("=", 2)[0].equals(key)) {
                    pairs.add(pair);
                }
            }
        }
        pairs.add(key + "=" + encode(value));
        return path + "?" + String.join("&", pairs) + fragment;
    }

    /** The query parameters, decoded, in order. */
    public static Map<String, String> query(String uri) {
        Map<String, String> values = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return values;
        }
        String query = uri.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            values.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return values;
    }

    /** The URI without its query, as BACKUP's {@code Destination} column shows it. */
    public static String stripQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** The scheme in lower case ({@code s3}, {@code local}, {@code file}), empty for a plain path. */
    public static String scheme(String uri) {
        int colon = uri.indexOf("://");
        return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** A sink URI with the password put into its user info (percent-encoded), keeping the user. */
    public static String withPassword(String uri, String password) {
        Matcher m = USER_INFO.matcher(uri);
        if (!m.find()) {
            throw new IllegalArgumentException("the sink URI has no user (write mysql://user@host:port/): "
                    + stripQuery(uri));
        }
        String user = m.group(2).split(":", 2)[0];
        return m.group(1) + user + ":" + encode(password).replace("+", "%20") + "@" + uri.substring(m.end());
    }

    /** The password in a URI's user info, decoded, when there is one. */
    public static Optional<String> password(String uri) {
        Matcher m = USER_INFO.matcher(uri);
        if (!m.find()) {
            return Optional.empty();
        }
        String[] parts = m.group(2).split(":", 2);
        return parts.length == 2 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }

    /**
     * Marks every credential in a URI as secret: the values of {@link #SECRET_QUERY_KEYS} and the
     * user-info password, each as written and decoded, so every rendering masks them.
     */
    public static void markSecrets(String uri, StepContext context) {
        if (uri == null) {
            return;
        }
        int q = uri.indexOf('?');
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && SECRET_QUERY_KEYS.contains(decode(kv[0])) && !kv[1].isEmpty()) {
                    context.markSecret(kv[1]);
                    context.markSecret(decode(kv[1]));
                }
            }
        }
        Matcher m = USER_INFO.matcher(uri);
        if (m.find()) {
            String[] parts = m.group(2).split(":", 2);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                context.markSecret(parts[1]);
                context.markSecret(decode(parts[1]));
            }
        }
    }

    /** Marks a secret value as given and as it appears percent-encoded in a URI. */
    public static void markSecret(String value, StepContext context) {
        if (value != null && !value.isEmpty()) {
            context.markSecret(value);
            context.markSecret(encode(value));
            context.markSecret(encode(value).replace("+", "%20"));
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
