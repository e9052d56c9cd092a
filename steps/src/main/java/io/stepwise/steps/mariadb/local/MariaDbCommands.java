package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argv of {@code mariadb-install-db} and {@code mariadbd} for one server, built the same for plan and run, and
 * the same whoever runs them: nothing in them depends on the machine but the binaries' directory (which a plan shows
 * as a placeholder).
 */
final class MariaDbCommands {
    static final String PID_FILE = "mariadbd.pid";
    static final String SOCKET_FILE = "mariadbd.sock";

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

    /**
     * The unix socket, in the data dir, so it goes with the run. mariadbd gets it as a name relative to its working
     * directory (the data dir), which keeps it under the 107 bytes a socket path may have however deep the run dir is.
     */
    Path socket() {
        return dataDir.resolve(SOCKET_FILE);
    }

    /** True when the data dir holds no database yet, so the installer must run first. */
    boolean needsInstall() {
        return !Files.isDirectory(dataDir.resolve("mysql"));
    }

    /** Sizes for a demo server: a small redo log (the default is 96 MB) and no separate undo tablespaces (3 x 10 MB). */
    private List<String> storageSizes() {
        return List.of("--innodb-log-file-size=" + config.innodbLogFileSize(), "--innodb-undo-tablespaces=0");
    }

    /** The installer runs the server in bootstrap mode, which needs no {@code --user} even as root. */
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
        argv.addAll(storageSizes());
        return new ExecAction(argv, dist.environment(), Optional.of(dist.home()), Optional.empty(),
                Optional.of(Duration.ofMinutes(5)));
    }

    ExecAction server() {
        List<String> argv = new ArrayList<>(List.of(dist.server().toString(), "--no-defaults", "--console",
                "--basedir=" + dist.home(), "--datadir=" + dataDir, "--tmpdir=" + tmpDir(),
                "--port=" + config.port(), "--bind-address=" + config.host(), "--socket=" + SOCKET_FILE,
                "--pid-file=" + dataDir.resolve(PID_FILE), "--skip-grant-tables", "--max_allowed_packet=64M",
                "--log-basename=" + config.name().orElseThrow(),
                "--relay-log=" + config.name().orElseThrow() + "-relay-bin", "--server-id=" + config.serverId(),
                // lets it start when the runner is root; for any other user mariadbd ignores it
                "--user=root"));
        argv.addAll(storageSizes());
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
