package io.stepwise.steps.mysql;

import io.stepwise.engine.spi.Problems;
import io.stepwise.steps.s3.StorageUri;

/** What {@code mysql.dump} and {@code mysql.load} refuse in their parameters, said the same way by both. */
public final class ClientOptions {
    private ClientOptions() {
    }

    /** A client option that carries a password: it would show in the process list. The value is not echoed. */
    public static void checkNoPassword(String parameter, String option, Problems problems) {
        if (option.startsWith("--password") || option.startsWith("-p")) {
            problems.add(parameter, "a password in options would show in the process list",
                    "put it in the connection's password");
        }
    }

    /** A storage URI that does not parse (its message masks credentials), or a prefix where a dump object is needed. */
    public static void checkStorageUri(String parameter, String text, boolean object, Problems problems) {
        try {
            StorageUri uri = StorageUri.parse(text);
            if (object && uri.isPrefix()) {
                problems.add(parameter, "'" + uri + "' names a prefix, not a dump", "name the dump object itself");
            }
        } catch (IllegalArgumentException e) {
            problems.add(parameter, e.getMessage());
        }
    }
}
