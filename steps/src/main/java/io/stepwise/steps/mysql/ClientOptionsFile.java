package io.stepwise.steps.mysql;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.JdbcConnections;
import io.stepwise.engine.spi.StepFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A {@code [client]} option file with a connection's host, port, user and password, created with mode 0600 so the
 * password never appears in argv or in the environment. The clients read it alone ({@code --defaults-file}, which
 * must come first), so a user's {@code ~/.my.cnf} cannot change what a plan does. Deleted on close.
 */
public final class ClientOptionsFile implements AutoCloseable {
    private final Path path;

    private ClientOptionsFile(Path path) {
        this.path = path;
    }

    /** Where the file for a step goes, for plans and dry-run. */
    public static Path pathFor(Path runDir, String stepId) {
        return runDir.resolve("tmp").resolve(stepId + "-client.cnf").toAbsolutePath();
    }

    /** The argument that makes a client read it; must be the first argument. */
    public static String argument(Path path) {
        return "--defaults-file=" + path;
    }

    public static ClientOptionsFile write(Path path, ConnectionInfo connection) {
        StringBuilder text = new StringBuilder("[client]\n");
        text.append("host=").append(connection.string("host", "127.0.0.1")).append('\n');
        text.append("port=").append(connection.string("port", "3306")).append('\n');
        text.append("user=").append(quote(connection.string("user", "root"))).append('\n');
        password(connection).ifPresent(pw -> text.append("password=").append(quote(pw)).append('\n'));
        text.append("protocol=TCP\n");
        if (JdbcConnections.isLoopback(connection.string("host", "127.0.0.1"))) {
            // 11.4 clients verify the server certificate by default; a local server has only a generated one
            text.append("skip-ssl-verify-server-cert\n");
        }
        try {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepFailedException("cannot write the client option file " + path + ": " + e.getMessage(),
                    "check that the run dir is writable", e);
        }
        return new ClientOptionsFile(path);
    }

    public static Optional<String> password(ConnectionInfo connection) {
        return connection.setting("password").map(String::valueOf).filter(p -> !p.isEmpty());
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
