package io.stepwise.cli;

import java.util.List;

/**
 * Configures slf4j-simple before the first logger exists: warnings only on standard error, or
 * stepwise's debug logs with {@code --debug}. Logs are for operators; people read the run events.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** True when the arguments ask for {@code --debug} (before a {@code --} end of options). */
    static boolean debugRequested(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    static void configure(boolean debug) {
        setIfAbsent("logFile", "System.err");
        setIfAbsent("defaultLogLevel", debug ? "info" : "warn");
        if (debug) {
            setIfAbsent("log.io.stepwise", "debug");
            setIfAbsent("showDateTime", "true");
            setIfAbsent("dateTimeFormat", "HH:mm:ss.SSS");
            setIfAbsent("showShortLogName", "true");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
