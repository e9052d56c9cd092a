package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The argv of {@code mariadb-install-db} and {@code mariadbd} for one server, built the same for plan and run. */
final class MariaDbCommands {
    static final String PID_FILE = "mariadbd.pid";
    private static final int MAX_SOCKET_PATH = 100;

    private final MariaDbDistribution dist;
    private final MariaDbLocalConfig config;
    private final Path dataDir;

    MariaDbCommands(MariaDbDistribution dist, MariaDbLocalConfig config, Path dataDir) {
        this.dist = dist;
        this.config = config;
        this.dataDir = dataDir;
    }

    Path dataDir() {
        return dataDir;
    }

    Path tmpDir() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
    }

    /** In the data dir when the path is short enough for a unix socket, else in the system temp dir. */
    Path socket() {
        Path inData = dataDir.resolve("mariadbd.sock");
        return inData.toString().length() <= MAX_SOCKET_PATH ? inData
                : Path.of(System.getProperty("java.io.tmpdir"), "stepwise-mariadb-" + config.port() + ".sock");
    }

    /** True when the data dir holds no database yet, so the installer must run first. */
    boolean needsInstall() {
        return !Files.isDirectory(dataDir.resolve("mysql"));
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    ExecAction install() {
        return install(dataDir);
    }

    /**
     * Where a new data dir is made before it is moved into place: a runner killed while the installer
     * runs leaves a half-made data dir here, never at the data dir a start would take as ready.
     */
    Path stagingDir() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".installing");
    }

    ExecAction install(Path target) {
        List<String> argv = new ArrayList<>(List.of(dist.installScript().toString(), "--no-defaults",
                "--basedir=" + dist.home(), "--datadir=" + target, "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", "--force"));
        if (runningAsRoot()) {
            argv.add("--user=root");
        }
        return new ExecAction(argv, dist.environment(), Optional.of(dist.home()), Optional.empty(),
                Optional.of(Duration.ofMinutes(5)));
    }

    ExecAction server() {
        List<String> argv = new ArrayList<>(List.of(dist.server().toString(), "--no-defaults", "--console",
                "--basedir=" + dist.home(), "--datadir=" + dataDir, "--tmpdir=" + tmpDir(),
                "--port=" + config.port(), "--bind-address=" + config.host(), "--socket=" + socket(),
                "--pid-file=" + dataDir.resolve(PID_FILE), "--skip-grant-tables", "--max_allowed_packet=64M",
                "--log-basename=" + config.name().orElseThrow(),
                "--relay-log=" + config.name().orElseThrow() + "-relay-bin", "--server-id=" + config.serverId()));
        if (runningAsRoot()) {
            argv.add("--user=root");
        }
        if (!config.ssl()) {
            argv.add("--skip-ssl");
        }
        if (config.binlog()) {
            argv.add("--log-bin=" + config.name().orElseThrow() + "-bin");
            argv.add("--binlog-format=ROW");
        }
        if (config.gtidStrictMode()) {
            argv.add("--gtid-strict-mode=1");
        }
        if (config.readOnly()) {
            argv.add("--read-only=1");
        }
        if (config.logSlaveUpdates()) {
            argv.add("--log-slave-updates=1");
        }
        argv.addAll(config.options());
        return new ExecAction(argv, dist.environment(), Optional.of(dataDir), Optional.empty(), Optional.empty());
    }
}
