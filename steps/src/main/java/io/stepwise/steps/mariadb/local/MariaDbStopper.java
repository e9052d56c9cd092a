package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.steps.localservice.Processes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds a server started earlier (by pid, data dir or name) and shuts it down or kills it. */
final class MariaDbStopper {
    private static final Map<String, MariaDbProcess> STARTED = new ConcurrentHashMap<>();

    private MariaDbStopper() {
    }

    /** Remembers a server this runner started, so stop and kill find it by name even with a custom data dir. */
    static void remember(MariaDbProcess server) {
        STARTED.put(server.name(), server);
    }

    static StepResult stopOrKill(MariaDbLocalConfig config, StepContext context, Optional<Path> dataDir) {
        boolean kill = config.action().equals("kill");
        Optional<Long> pid = locate(config, dataDir);
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

    private static Optional<Long> locate(MariaDbLocalConfig config, Optional<Path> dataDir) {
        if (config.pid().isPresent()) {
            try {
                return Optional.of(Long.parseLong(config.pid().get().trim()));
            } catch (NumberFormatException e) {
                throw new StepFailedException("pid must be a process id, got '" + config.pid().get() + "'",
                        "pass ${steps.<start step>.pid}");
            }
        }
        if (config.dataDir().isEmpty() && config.name().isPresent()) {
            MariaDbProcess known = STARTED.get(config.name().get());
            if (known != null && known.isAlive()) {
                return Optional.of(known.pid());
            }
        }
        return dataDir.flatMap(MariaDbProcess::runningIn);
    }

    private static String describe(MariaDbLocalConfig config, Optional<Path> dataDir) {
        return config.pid().map(p -> "pid " + p).orElseGet(() -> config.name().map(n -> "'" + n + "'")
                .orElse("") + dataDir.map(d -> " (data dir " + d + ")").orElse(""));
    }
}
