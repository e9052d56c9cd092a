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

    /**
     * The in-runner S3 server (S3Proxy on jclouds): what it logs is about its clients, and the step
     * that is its client reports the same failure in its own words (a Ctrl-C mid-upload made jclouds
     * log the broken request with a 40-line stack trace). Shown with {@code --debug} only.
     */
    private static final List<String> S3_SERVER_LOGGERS = List.of("jclouds", "org.jclouds", "org.gaul");

    static void configure(boolean debug) {
        setIfAbsent("logFile", "System.err");
        setIfAbsent("defaultLogLevel", debug ? "info" : "warn");
        for (String logger : S3_SERVER_LOGGERS) {
            setIfAbsent("log." + logger, debug ? "info" : "off");
        }
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
