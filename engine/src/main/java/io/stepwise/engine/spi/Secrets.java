package io.stepwise.engine.spi;

import java.util.List;

/**
 * The mask shown instead of a secret, and the one rule for names that look like they hold one (a
 * parameter, a map key, {@code KEY=value} in an environment or a URI query, a JSON field).
 */
public final class Secrets {
    /** What every rendering (dry-run, events, logs, journal, messages) shows instead of a secret. */
    public static final String MASK = "****";
    /**
     * The last word of a secret-looking name. {@code access_key} (an S3 access key id) and {@code user}
     * are not here: they identify, they do not authenticate.
     */
    private static final List<String> WORDS = List.of("password", "passwd", "pwd", "secret", "secret_key",
            "secret_access_key", "secretaccesskey", "token", "sessiontoken", "apikey", "api_key", "sk");

    private Secrets() {
    }

    /**
     * True when a name, in any case with {@code -} or {@code _} (or any other non-alphanumeric run)
     * between words and leading dashes ignored, is one of the secret words or ends with one as its own
     * word: {@code password}, {@code --password}, {@code MYSQL_PWD}, {@code sink_password},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code secret-access-key}, {@code session-token}, {@code apiKey};
     * not {@code task} nor {@code access-key}.
     */
    public static boolean looksSecret(String name) {
        if (LAST_CHARACTERS.indexOf(lastWordCharacter(name)) < 0) {
            return false; // the common case on output (key=value, other=42): no secret word ends that way
        }
        String n = words(name);
        for (int i = 0; i < WORDS.size(); i++) {
            if (n.equals(WORDS.get(i)) || n.endsWith(WORD_SUFFIXES.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> WORD_SUFFIXES = WORDS.stream().map(word -> "_" + word).toList();
    /** The last character of each secret word: a name whose last letter or digit is none of them looks secret to no rule. */
    private static final String LAST_CHARACTERS = WORDS.stream().map(word -> word.substring(word.length() - 1))
            .distinct().reduce("", String::concat);

    /** The name's last letter or digit in lower case, as {@link #words} keeps it; a space when it has none. */
    private static char lastWordCharacter(String name) {
        for (int i = name.length() - 1; i >= 0; i--) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                return c;
            }
        }
        return ' ';
    }

    /** Lower case, each run of other characters one {@code _}, none at either end (no regex: masking runs on every output). */
    private static String words(String name) {
        StringBuilder n = new StringBuilder(name.length());
        boolean gap = false;
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && n.length() > 0) {
                    n.append('_');
                }
                n.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return n.toString();
    }
}
