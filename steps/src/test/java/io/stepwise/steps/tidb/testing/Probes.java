package io.stepwise.steps.tidb.testing;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepTypeContract.SideEffectProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Side-effect probes for the step contract: a listening SQL port, a stand-in's argv file, a fake TiCDC. */
public final class Probes {
    private Probes() {
    }

    /** A mysql connection to a port that counts connections; params may name it. */
    public static SideEffectProbe sql(String connectionName, Map<String, Object> params, Path dir) {
        ListeningPort port = ListeningPort.open();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port.port());
        settings.put("user", "root");
        settings.put("password", "s3cret-pw");
        ConnectionInfo connection = new ConnectionInfo(connectionName, "mysql", settings);
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return params;
            }

            @Override
            public List<ConnectionInfo> connections() {
                return List.of(connection);
            }

            @Override
            public Optional<String> sideEffect() {
                if (port.accepted() > 0) {
                    return Optional.of(port.accepted() + " connection(s) to the SQL port");
                }
                return nothingWritten(dir);
            }

            @Override
            public void close() {
                port.close();
            }
        };
    }

    /** A stand-in program that records any run; params get it as their command. */
    public static SideEffectProbe exec(StandIn standIn, Map<String, Object> params, List<ConnectionInfo> connections,
            FakeTiCdc cdc) {
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return params;
            }

            @Override
            public List<ConnectionInfo> connections() {
                return connections;
            }

            @Override
            public Optional<String> sideEffect() {
                try {
                    if (!standIn.invocations().isEmpty()) {
                        return Optional.of("ran " + standIn.invocations());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (cdc != null && !cdc.requests().isEmpty()) {
                    return Optional.of("HTTP " + cdc.requests());
                }
                return Optional.empty();
            }

            @Override
            public void close() {
                if (cdc != null) {
                    cdc.close();
                }
            }
        };
    }

    /** Plain connection settings for a loopback mysql connection. */
    public static ConnectionInfo mysql(String name, int port, String password) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("user", "root");
        if (password != null) {
            settings.put("password", password);
        }
        return new ConnectionInfo(name, "mysql", settings);
    }

    private static Optional<String> nothingWritten(Path dir) {
        try (var files = Files.walk(dir)) {
            List<Path> written = files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/logs/"))
                    .toList();
            return written.isEmpty() ? Optional.empty() : Optional.of("wrote " + written);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
