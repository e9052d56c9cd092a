package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.steps.localservice.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a server started earlier (by pid, data dir or name) and shuts it down or kills it. What a
 * start remembers is kept in the run's own directory, so a resumed run (another runner) finds it too.
 */
final class MariaDbStopper {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbStopper.class);
    private static final String DATA_DIR_FILE = "data-dir";

    private MariaDbStopper() {
    }

    /** Notes the data dir of a server the run started, so stop and kill find it by name even with a custom data dir. */
    static void remember(Path runDir, MariaDbProcess server) {
        Path note = noteFor(runDir, server.name());
        try {
            Files.createDirectories(note.getParent());
            Files.writeString(note, server.dataDir().toString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // stop and kill then look in the default data dir, as for a server started by another run
            LOG.warn("cannot note the data dir of mariadbd '{}' in {}: {}", server.name(), note, e.getMessage());
        }
    }

    private static Path noteFor(Path runDir, String name) {
        return runDir.resolve("mariadb").resolve(name).resolve(DATA_DIR_FILE);
    }

    /** The data dir a start of this run noted for the name, if any. */
    private static Optional<Path> noted(Path runDir, String name) {
        try {
            return Optional.of(Path.of(Files.readString(noteFor(runDir, name), StandardCharsets.UTF_8).trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static StepResult stopOrKill(MariaDbLocalConfig config, StepContext context, Optional<Path> dataDir) {
        boolean kill = config.action().equals("kill");
        Optional<Long> pid = locate(config, context.runDir(), dataDir);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", pid.orElse(0L));
        out.put("data_dir", dataDir.map(Path::toString).orElse(""));
        if (pid.isEmpty() || !Processes.isAlive(pid.get())) {
            context.say("mariadbd " + describe(config, dataDir) + " is not running; nothing to " + config.action());
            out.put("was_running", false);
            return new StepResult(out);
        }
        if (!MariaDbProcess.isMariaDb(pid.get())) {
            throw new StepFailedException("pid " + pid.get() + " is not a mariadbd but '"
                    + Processes.commandLine(pid.get()).orElse("?") + "'; refusing to signal it",
                    "pass the pid a mariadb.local start step published (${steps.<id>.pid})");
        }
        MariaDbProcess server = new MariaDbProcess(config.name().orElse("mariadbd"), pid.get(),
                dataDir.orElse(Path.of("")), Path.of(""), config.shutdownTimeout());
        if (kill) {
            context.progress("killing mariadbd pid " + pid.get() + " (SIGKILL)");
            if (!server.kill()) {
                throw new StepFailedException("mariadbd pid " + pid.get() + " is still alive after SIGKILL",
                        "check whether it is stuck in uninterruptible I/O (ps -o stat " + pid.get() + ")");
            }
        } else {
            context.progress("shutting down mariadbd pid " + pid.get());
            if (!server.shutdown(config.shutdownTimeout())) {
                throw new StepFailedException("mariadbd pid " + pid.get() + " did not shut down within "
                        + config.shutdownTimeout().toSeconds() + "s", "raise shutdown_timeout, or use action: kill");
            }
        }
        out.put("was_running", true);
        return new StepResult(out);
    }

    private static Optional<Long> locate(MariaDbLocalConfig config, Path runDir, Optional<Path> dataDir) {
        if (config.pid().isPresent()) {
            return config.pid();
        }
        if (config.dataDir().isEmpty() && config.name().isPresent()) {
            Optional<Long> known = noted(runDir, config.name().get()).flatMap(MariaDbProcess::runningIn);
            if (known.isPresent()) {
                return known;
            }
        }
        return dataDir.flatMap(MariaDbProcess::runningIn);
    }

    private static String describe(MariaDbLocalConfig config, Optional<Path> dataDir) {
        return config.pid().map(p -> "pid " + p).orElseGet(() -> config.name().map(n -> "'" + n + "'")
                .orElse("") + dataDir.map(d -> " (data dir " + d + ")").orElse(""));
    }
}
