package io.stepwise.engine.internal.actions;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a JDBC failure into a one-line step failure naming the connection, the SQL state and vendor
 * code and the server's message, with a hint for the usual causes. Every text goes through the masker.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    static StepFailedException connectFailed(ConnectionInfo info, SQLException error, Masking masking) {
        String message = "cannot connect to " + info.describe() + ": " + detail(error);
        return failure(info, message, connectHint(info, error), error, masking);
    }

    static StepFailedException statementFailed(ConnectionInfo info, SQLException error, String statement,
            int index, int count, Masking masking) {
        String where = count > 1 ? "statement " + (index + 1) + " of " + count : "statement";
        String message = "SQL failed on " + info.describe() + ": " + detail(error) + "; " + where + ": "
                + shorten(statement);
        return failure(info, message, statementHint(info, error), error, masking);
    }

    /** A result past what a step keeps ({@code limit} says which bound: "100000 rows"); the rest is not read. */
    static StepFailedException tooManyRows(ConnectionInfo info, String limit, String statement, Masking masking) {
        String message = "query on " + info.describe() + " returned more than " + limit + " (a step keeps no more): "
                + shorten(statement) + "; the query was stopped by closing its session";
        return failure(info, message, "aggregate or add a LIMIT; a step result is kept in the journal", null, masking);
    }

    private static StepFailedException failure(ConnectionInfo info, String message, String hint, SQLException error,
            Masking masking) {
        List<String> secrets = passwords(info);
        return new StepFailedException(masking.apply(message, secrets),
                hint == null ? null : masking.apply(hint, secrets), masking.scrub(error, secrets));
    }

    static List<String> passwords(ConnectionInfo info) {
        return info.setting("password").map(String::valueOf).filter(p -> !p.isEmpty()).map(List::of)
                .orElse(List.of());
    }

    /** {@code error 1045 (28000): Access denied ...}, or the network cause for link failures. */
    static String detail(SQLException error) {
        Throwable network = networkCause(error);
        String prefix = error.getErrorCode() > 0
                ? "error " + error.getErrorCode() + (error.getSQLState() == null ? "" : " (" + error.getSQLState() + ")")
                : error.getSQLState() == null ? "" : "[" + error.getSQLState() + "]";
        String text;
        if (network instanceof ConnectException) {
            text = "connection refused";
        } else if (network instanceof UnknownHostException) {
            text = "unknown host " + network.getMessage();
        } else if (network instanceof SocketTimeoutException) {
            text = "no answer in time (" + firstLine(network.getMessage()) + ")";
        } else {
            text = firstLine(error.getMessage());
        }
        return prefix.isEmpty() ? text : prefix + ": " + text;
    }

    private static String connectHint(ConnectionInfo info, SQLException error) {
        String address = info.string("host", "127.0.0.1") + ":" + info.string("port", "3306");
        Throwable network = networkCause(error);
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (network instanceof ConnectException) {
            return "is the server running on " + address + "?";
        }
        if (network instanceof UnknownHostException) {
            return "check the host of connection " + info.name();
        }
        if (network instanceof SocketTimeoutException) {
            return "nothing answered on " + address + "; check the address and any firewall";
        }
        if (message.contains("no suitable driver")) {
            return "the MySQL driver (com.mysql:mysql-connector-j) is not on the class path";
        }
        if (message.contains("public key retrieval")) {
            return "add allowPublicKeyRetrieval: true to the options of connection " + info.name() + ", or use TLS";
        }
        return switch (error.getErrorCode()) {
            case 1045 -> "check user/password of connection " + info.name();
            case 1049 -> "create the database or fix 'database' of connection " + info.name();
            case 1044, 1227 -> "the user of connection " + info.name() + " lacks a privilege; grant it";
            case 1040, 1203 -> "the server has too many connections; retry later";
            default -> error.getSQLState() != null && error.getSQLState().startsWith("08")
                    ? "is the server running on " + address + "?" : null;
        };
    }

    private static String statementHint(ConnectionInfo info, SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        return switch (error.getErrorCode()) {
            case 1064 -> "check the SQL syntax near the quoted text";
            case 1146 -> "check the table name and the database of connection " + info.name();
            case 1049 -> "check the database name";
            case 1142, 1143, 1044, 1227 -> "the user of connection " + info.name() + " lacks a privilege; grant it";
            case 1205, 1213 -> "another session held a lock; retry the step (retry: {attempts: 3})";
            case 1062 -> "the row already exists; make the statement idempotent (INSERT IGNORE, ON DUPLICATE KEY)";
            case 1050 -> "the table already exists; use CREATE TABLE IF NOT EXISTS to make the step rerunnable";
            default -> state.startsWith("08") ? "the connection to " + info.name() + " was lost; check the server"
                    : null;
        };
    }

    private static Throwable networkCause(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                return t;
            }
        }
        return null;
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    static String shorten(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }
}
