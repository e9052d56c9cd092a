package io.stepwise.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text before it is printed, logged or journaled: every value known to be
 * secret (inputs marked secret, passwords, values derived from them), and the usual shapes of
 * secrets in URIs, environments and JSON whatever their value.
 */
public final class Masker {
    public static final String MASK = "****";
    private static final int MIN_SECRET_LENGTH = 3;
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)((?:secret-access-key|secret_access_key|secretaccesskey|session-token|session_token"
                    + "|password|passwd|pwd|token|api[-_]?key|sk)=)([^&\\s'\";]+)"),
            Pattern.compile("(?i)(\"(?:password|secret|secret_access_key|secret-access-key|token|api_key)\"\\s*:\\s*\")"
                    + "((?:[^\"\\\\]|\\\\.)*)(?=\")"),
            Pattern.compile("(?i)((?:IDENTIFIED BY|MASTER_PASSWORD\\s*=|PASSWORD\\s*\\(?)\\s*')((?:[^'\\\\]|''|\\\\.)*)(?=')"),
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)([^@/\\s]+)(?=@)"));

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private volatile List<String> ordered = List.of();

    /** Adds a secret value; values shorter than three characters are not masked by value. */
    public void add(Object value) {
        if (value == null) {
            return;
        }
        String text = String.valueOf(value);
        if (text.length() >= MIN_SECRET_LENGTH && secrets.add(text)) {
            List<String> sorted = new ArrayList<>(secrets);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(sorted);
        }
    }

    public boolean isSecret(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return false;
        }
        String text = String.valueOf(value);
        if (secrets.contains(text)) {
            return true;
        }
        for (String secret : ordered) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : ordered) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        for (Pattern shape : SHAPES) {
            Matcher m = shape.matcher(result);
            if (m.find()) {
                result = m.replaceAll(match -> Matcher.quoteReplacement(match.group(1))
                        + (match.group(2).isEmpty() || match.group(2).startsWith("<") ? Matcher.quoteReplacement(match.group(2)) : MASK));
            }
        }
        return result;
    }

    /** Masks every string inside a plain value (maps, lists). */
    public Object maskValue(Object value) {
        if (value instanceof String s) {
            return mask(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(String.valueOf(k), isSecretKey(String.valueOf(k)) && v instanceof String ? MASK : maskValue(v)));
            return masked;
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>();
            list.forEach(v -> masked.add(maskValue(v)));
            return masked;
        }
        if (value != null && isSecret(value)) {
            return MASK;
        }
        return value;
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.equals("password") || k.equals("secret") || k.endsWith("_password") || k.endsWith("secret_key")
                || k.equals("secret_access_key") || k.equals("token");
    }
}
