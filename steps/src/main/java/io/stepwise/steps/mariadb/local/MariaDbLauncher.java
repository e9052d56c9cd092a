package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.steps.localservice.Ports;
import io.stepwise.steps.localservice.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Initializes a data dir when new, starts {@code mariadbd} detached with its output in a log file, waits until ready. */
final class MariaDbLauncher {
    static final String READY = "ready for connections";

    private MariaDbLauncher() {
    }

    static MariaDbProcess start(MariaDbCommands commands, MariaDbLocalConfig config, Path logFile, StepContext context) {
        String name = config.name().orElseThrow();
        Path dataDir = commands.dataDir();
        MariaDbProcess.runningIn(dataDir).ifPresent(pid -> {
            throw new StepFailedException("a mariadbd (pid " + pid + ") already runs on data dir " + dataDir,
                    "stop it first (mariadb.local with action: stop), or use another data_dir");
        });
        Ports.requireFree(config.host(), config.port(), "mariadb.local '" + name + "'");
        try {
            Files.createDirectories(commands.tmpDir());
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new StepFailedException("cannot create " + commands.tmpDir() + ": " + e.getMessage(), "check permissions", e);
        }
        if (commands.needsInstall()) {
            context.progress("initializing a new MariaDB data dir in " + dataDir);
            Path staging = commands.stagingDir();
            deleteTree(staging);
            ExecResult installed = context.actions().exec(commands.install(staging));
            if (installed.exitCode() != 0) {
                throw new StepFailedException("mariadb-install-db failed with exit code " + installed.exitCode() + " for "
                        + dataDir + ": " + lastLines(installed.stderr() + installed.stdout(), 5),
                        "check free space and that " + dataDir.getParent() + " is writable");
            }
            moveIntoPlace(staging, dataDir);
        }
        context.progress("starting mariadbd '" + name + "' on " + config.host() + ":" + config.port());
        long offset = size(logFile);
        Process process = launch(commands.server(), logFile);
        MariaDbProcess server = new MariaDbProcess(name, process.pid(), dataDir, logFile, config.shutdownTimeout());
        awaitReady(server, process, config, logFile, offset, context);
        return server;
    }

    /** A made data dir takes the place of the (empty or absent) data dir in one rename. */
    private static void moveIntoPlace(Path staging, Path dataDir) {
        try {
            if (Files.isDirectory(dataDir)) {
                try (var entries = Files.list(dataDir)) {
                    for (Path entry : entries.toList()) {
                        Files.move(entry, staging.resolve(entry.getFileName()));
                    }
                }
                Files.delete(dataDir);
            }
            Files.move(staging, dataDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StepFailedException("cannot move the new data dir " + staging + " to " + dataDir + ": " + e.getMessage(),
                    "check permissions on " + dataDir.getParent(), e);
        }
    }

    /**
     * Deletes a half-made data dir; an installer a killed runner left behind (mariadb-install-db and
     * its bootstrap mariadbd, still writing there) is killed first.
     */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        Processes.killAndWait(Processes.withArgument("--datadir=" + dir), java.time.Duration.ofSeconds(10));
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new StepFailedException("cannot delete the half-made data dir " + dir + ": " + last.getMessage(),
                "check that no process still writes there (fuser -v " + dir + "), then delete it by hand", last);
    }

    private static Process launch(ExecAction action, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(action.argv()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(action.env());
        action.cwd().ifPresent(dir -> builder.directory(dir.toFile()));
        try {
            Files.writeString(logFile, Instant.now() + " stepwise: " + String.join(" ", action.argv()) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return builder.start();
        } catch (IOException e) {
            throw new StepFailedException("cannot start " + action.argv().get(0) + ": " + e.getMessage(),
                    "check that the binaries were unpacked completely (delete the cache dir to unpack again)", e);
        }
    }

    private static void awaitReady(MariaDbProcess server, Process process, MariaDbLocalConfig config, Path logFile,
            long offset, StepContext context) {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        while (true) {
            String log = since(logFile, offset);
            if (!process.isAlive()) {
                throw failedStart(config, log, "exited with code " + process.exitValue());
            }
            if (log.contains(READY) && Ports.accepting(config.host(), config.port())) {
                return;
            }
            if (context.isInterrupted()) {
                server.kill();
                throw new StepInterruptedException("interrupted while mariadbd '" + config.name().orElseThrow() + "' started");
            }
            if (System.nanoTime() > deadline) {
                server.kill();
                throw failedStart(config, log, "was not ready after " + config.startupTimeout().toSeconds() + "s");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static StepFailedException failedStart(MariaDbLocalConfig config, String log, String what) {
        if (log.contains("Address already in use") || log.contains("Do you already have another")) {
            return Ports.taken(config.host(), config.port(), "mariadb.local '" + config.name().orElseThrow() + "'");
        }
        return new StepFailedException("mariadbd '" + config.name().orElseThrow() + "' " + what + ": "
                + lastLines(errorLines(log), 3), "see the server log for the whole story");
    }

    private static String errorLines(String log) {
        StringBuilder errors = new StringBuilder();
        log.lines().filter(l -> l.contains("[ERROR]")).forEach(l -> errors.append(l).append('\n'));
        return errors.length() > 0 ? errors.toString() : log;
    }

    static String lastLines(String text, int count) {
        java.util.List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String since(Path file, long offset) {
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(offset, in.length() - 64 * 1024);
            in.seek(start);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepInterruptedException("interrupted while waiting for mariadbd");
        }
    }

}
