package io.stepwise.steps.mysql;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.ExecResult;

/** Turns a failed {@code mariadb}/{@code mariadb-dump} run into a one-line message with a hint. */
public final class ClientErrors {
    private ClientErrors() {
    }

    public static StepFailedException failed(String tool, ExecResult result, ConnectionInfo connection) {
        String output = (result.stderr() + "\n" + result.stdout()).strip();
        String where = connection.describe();
        String firstError = output.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("error"))
                .findFirst().orElse(output.lines().reduce((a, b) -> b).orElse("no output"));
        String hint;
        if (output.contains("Binlogging on server not active") || output.contains("not using binary logging")) {
            hint = "the server writes no binary log: start it with binlog: true (mariadb.local) or --log-bin, "
                    + "or set capture_position: false";
        } else if (output.contains("Access denied")) {
            hint = "check the user and password of connection " + connection.name();
        } else if (output.contains("Can't connect") || output.contains("Lost connection")) {
            hint = "is the server running at " + connection.string("host", "127.0.0.1") + ":" + connection.string("port", "3306")
                    + "?";
        } else if (output.contains("Unknown database")) {
            hint = "check the database names";
        } else if (output.contains("TLS/SSL error")) {
            hint = "the server's certificate was rejected; for a local server use host 127.0.0.1";
        } else {
            hint = "see the message above";
        }
        return new StepFailedException(tool + " failed with exit code " + result.exitCode() + " on " + where + ": "
                + firstError.strip(), hint);
    }
}
