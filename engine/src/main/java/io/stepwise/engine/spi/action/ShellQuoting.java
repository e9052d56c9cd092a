package io.stepwise.engine.spi.action;

import java.util.regex.Pattern;

/** Quotes an argument the way a POSIX shell would need it, for display only. */
public final class ShellQuoting {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./<>-]+");

    private ShellQuoting() {
    }

    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
