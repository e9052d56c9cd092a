package io.stepwise.engine.internal;

import io.stepwise.engine.spi.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text before it is printed, logged or journaled: every value known to be
 * secret (inputs marked secret, passwords, values derived from them), and the usual shapes of
 * secrets in URIs, environments and JSON whatever their value.
 */
public final class Masker {
    private final Map<String, String> standIns = new java.util.LinkedHashMap<>();
    private java.util.regex.Pattern standInPattern;
    private static final int MIN_SECRET_LENGTH = 3;
    private static final List<Pattern> SHAPES = List.of(
            // a JSON field: masked below when its name looks secret (Secrets.looksSecret)
            Pattern.compile("(\"([A-Za-z0-9_.-]{1,64})\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(?=\")"),
            Pattern.compile("(?i)((?:IDENTIFIED BY|MASTER_PASSWORD\\s*=|PASSWORD\\s*\\(?)\\s*')((?:[^'\\\\]|''|\\\\.)*)(?=')"),
            // the scheme is bounded: unbounded, a long run of letters without "://" costs its length squared
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]{0,31}://[^:/@\\s]*:)([^@/\\s]+)(?=@)"));
    /** The shape whose group 2 is a field name and group 3 its value. */
    private static final int JSON_SHAPE = 0;
    /** What a text must hold for each shape to match: the regex runs only when it does (long output is mostly neither). */
    private static final List<String> SHAPE_NEEDS = List.of("\"", "'", "://");

    private static final Pattern SOURCE_REF = Pattern.compile("\u00absecret:([A-Za-z0-9_.:-]+)\u00bb");
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private volatile List<String> ordered = List.of();
    /** For a dry-run inside a live session (the shell): secrets go to and come from the session's masker. */
    private final Masker live;

    public Masker() {
        this(null);
    }

    private Masker(Masker live) {
        this.live = live;
    }

    /** A masker for a dry-run view over a live session's: the same secrets, its own stand-ins. */
    Masker forDryRun() {
        return new Masker(this);
    }

    /** Adds a secret value; values shorter than three characters are not masked by value. */
    public void add(Object value) {
        if (live != null) {
            live.add(value);
            return;
        }
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

    /**
     * Adds a secret that a resumed run can supply again from where it came from: an input
     * ({@code inputs.NAME}), a step's secret parameter ({@code param:STEP.NAME}) or a connection's
     * password ({@code conn:NAME.password}). The first source given for a value stays.
     */
    public void add(Object value, String source) {
        if (live != null) {
            live.add(value, source);
            return;
        }
        add(value);
        if (value != null && String.valueOf(value).length() >= MIN_SECRET_LENGTH) {
            sources.putIfAbsent(String.valueOf(value), source);
        }
    }

    /**
     * A value as the journal may keep it: every secret inside replaced by a reference to its source
     * ({@code «secret:inputs.password»}, {@code «secret:param:storage.secret_key»}), so a resumed run
     * rebuilds it from that source: a value derived from secrets (a storage URI with its key) is kept
     * as a template over them. {@link #UNRECOVERABLE} when a secret inside has no source to come back
     * from: then only the mask can be kept.
     */
    public Object forJournal(Object value) {
        if (value instanceof String text) {
            String result = text;
            for (String secret : ordered) {
                String source = sources.get(secret);
                if (source != null && result.contains(secret)) {
                    result = result.replace(secret, "\u00absecret:" + source + "\u00bb");
                }
            }
            for (String secret : ordered) {
                if (!sources.containsKey(secret) && result.contains(secret)) {
                    return UNRECOVERABLE;
                }
            }
            return applyShapes(result);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = forJournal(e.getValue());
                kept.put(String.valueOf(e.getKey()), v == UNRECOVERABLE ? Secrets.MASK : v);
            }
            return kept;
        }
        if (value instanceof List<?> list) {
            List<Object> kept = new ArrayList<>();
            for (Object item : list) {
                Object v = forJournal(item);
                kept.add(v == UNRECOVERABLE ? Secrets.MASK : v);
            }
            return kept;
        }
        if (value != null && isSecret(value)) {
            return UNRECOVERABLE;
        }
        return value;
    }

    /** What {@link #forJournal} returns for a secret that cannot be kept in any form. */
    public static final Object UNRECOVERABLE = new Object() {
        @Override
        public String toString() {
            return Secrets.MASK;
        }
    };

    /** True when a journaled value holds references to secrets (so the value rebuilt from it is secret too). */
    public static boolean holdsReference(Object value) {
        if (value instanceof String text) {
            return text.indexOf('\u00ab') >= 0 && SOURCE_REF.matcher(text).find();
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Masker::holdsReference);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Masker::holdsReference);
        }
        return false;
    }

    /** The reverse of {@link #forJournal}: references put back from the given sources, or null when one is gone. */
    public static Object fromJournal(Object value, java.util.function.Function<String, Object> source) {
        if (value instanceof String text && text.indexOf('\u00ab') >= 0) {
            Matcher m = SOURCE_REF.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Object replacement = source.apply(m.group(1));
                if (replacement == null) {
                    return null;
                }
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(replacement)));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> restored = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> restored.put(String.valueOf(k), fromJournal(v, source)));
            return restored;
        }
        if (value instanceof List<?> list) {
            List<Object> restored = new ArrayList<>();
            list.forEach(v -> restored.add(fromJournal(v, source)));
            return restored;
        }
        return value;
    }

    public boolean isSecret(Object value) {
        if (live != null) {
            return live.isSecret(value);
        }
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

    /**
     * In dry-run, a number the engine handed a step in place of a value known only at run time
     * ({@link StandIns}) renders as the value's source, such as {@code <steps.backup.backup_ts>}.
     */
    void addStandIn(String text, String shown) {
        standIns.put(text, shown);
        standInPattern = java.util.regex.Pattern.compile("(?<![0-9A-Za-z_.])(" + String.join("|",
                standIns.keySet().stream().map(java.util.regex.Pattern::quote).toList()) + ")(?![0-9A-Za-z_])");
    }

    private String renderStandIns(String text) {
        if (standInPattern == null) {
            return text;
        }
        return standInPattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(standIns.get(m.group(1))));
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = renderStandIns(text);
        if (live != null) {
            return live.mask(result);
        }
        for (String secret : ordered) {
            if (result.contains(secret)) {
                result = result.replace(secret, Secrets.MASK);
            }
        }
        if (result.indexOf('\u00ab') >= 0) {
            result = SOURCE_REF.matcher(result).replaceAll(Secrets.MASK);
        }
        return applyShapes(result);
    }

    /** Masks the usual shapes of secrets (password=..., ://user:pw@, IDENTIFIED BY '...') whatever their value. */
    private static String applyShapes(String text) {
        String result = maskKeyValues(text);
        for (int i = 0; i < SHAPES.size(); i++) {
            if (!result.contains(SHAPE_NEEDS.get(i))) {
                continue;
            }
            Matcher m = SHAPES.get(i).matcher(result);
            if (m.find()) {
                boolean named = i == JSON_SHAPE;
                result = m.replaceAll(match -> {
                    String value = match.group(named ? 3 : 2);
                    boolean keep = value.isEmpty() || value.startsWith("<") || value.startsWith("\u00ab")
                            || named && !Secrets.looksSecret(match.group(2));
                    return Matcher.quoteReplacement(match.group(1) + (keep ? value : Secrets.MASK));
                });
            }
        }
        return result;
    }

    /** {@code password=value} (a key that {@link Secrets#looksSecret looks secret}): the value up to {@code & ; ' "} or white space becomes the mask. */
    private static String maskKeyValues(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            int end = eq + 1;
            while (end < text.length() && !endsValue(text.charAt(end))) {
                end++;
            }
            if (end == eq + 1 || !secretKeyBefore(text, eq)) {
                continue;
            }
            char first = text.charAt(eq + 1);
            if (first != '<' && first != '\u00ab') {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, eq + 1).append(Secrets.MASK);
                copied = end;
            }
            eq = end - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean endsValue(char c) {
        return c == '&' || c == '\'' || c == '"' || c == ';' || Character.isWhitespace(c);
    }

    /** The name just before an '=' ({@code MYSQL_PWD}, {@code secret-access-key}, {@code --password}) looks secret. */
    private static boolean secretKeyBefore(String text, int eq) {
        int start = eq;
        while (start > 0 && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        return start < eq && Secrets.looksSecret(text.substring(start, eq));
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    /** Masks every string inside a plain value (maps, lists). */
    public Object maskValue(Object value) {
        if (value instanceof String s) {
            return mask(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(String.valueOf(k), Secrets.looksSecret(String.valueOf(k)) && v instanceof String ? Secrets.MASK : maskValue(v)));
            return masked;
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>();
            list.forEach(v -> masked.add(maskValue(v)));
            return masked;
        }
        if (value != null && isSecret(value)) {
            return Secrets.MASK;
        }
        if (value instanceof Number && standIns.containsKey(String.valueOf(value))) {
            return standIns.get(String.valueOf(value));
        }
        return value;
    }

    /**
     * A copy of a throwable chain whose messages are masked and whose stack traces are kept, to chain
     * as a cause or print with {@code --debug}: a driver message may quote SQL text or a URL holding a
     * secret.
     */
    public static Throwable scrub(Throwable error, UnaryOperator<String> mask) {
        if (error == null) {
            return null;
        }
        String text = error instanceof MaskedCause ? error.getMessage() : error.getClass().getName() + ": " + error.getMessage();
        Throwable copy = new MaskedCause(mask.apply(text), scrub(error.getCause(), mask));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** A masked stand-in for an exception from a driver, the JDK or a step type. */
    public static final class MaskedCause extends RuntimeException {
        MaskedCause(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
