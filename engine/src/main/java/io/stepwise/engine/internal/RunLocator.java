package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where runs live: {@code <state dir>/runs/<run id>/}, the state dir being {@code .stepwise/} beside
 * the plan unless given. The last run is remembered in the state dir and under the user's home, so
 * {@code stepwise resume} with no argument finds it.
 */
final class RunLocator {
    static final String STATE_DIR_NAME = ".stepwise";

    private RunLocator() {
    }

    static Path stateDir(Optional<Path> given, Optional<Path> planFile) {
        if (given.isPresent()) {
            return given.get().toAbsolutePath().normalize();
        }
        return planFile.map(p -> p.toAbsolutePath().normalize().getParent().resolve(STATE_DIR_NAME))
                .orElse(Path.of(STATE_DIR_NAME).toAbsolutePath().normalize());
    }

    static Path runDir(Path stateDir, String runId) {
        return stateDir.resolve("runs").resolve(runId);
    }

    /** The run dir named by id or path, or the last run of the state dir, or the user's last run. */
    static Path find(Optional<String> run, Optional<Path> planFile, Optional<Path> stateDirOption) {
        Path stateDir = stateDir(stateDirOption, planFile);
        if (run.isPresent()) {
            Path asPath = Path.of(run.get());
            if (Files.isRegularFile(asPath.resolve(Journal.FILE_NAME))) {
                return asPath.toAbsolutePath().normalize();
            }
            Path byId = runDir(stateDir, run.get());
            if (Files.isRegularFile(byId.resolve(Journal.FILE_NAME))) {
                return byId;
            }
            Optional<Path> global = lastRunPointer().map(p -> p.getParent().resolve(run.get()))
                    .filter(p -> Files.isRegularFile(p.resolve(Journal.FILE_NAME)));
            if (global.isPresent()) {
                return global.get();
            }
            throw new StepwiseException(ErrorCode.USAGE, "no run '" + run.get() + "' in " + stateDir.resolve("runs"),
                    "pass --state-dir or --plan, or list runs with: stepwise status --all");
        }
        Path pointer = stateDir.resolve("last-run");
        Optional<Path> last = readPointer(pointer).map(id -> runDir(stateDir, id));
        if (last.isEmpty() && stateDirOption.isEmpty() && planFile.isEmpty()) {
            last = lastRunPointer();
        }
        return last.filter(p -> Files.isRegularFile(p.resolve(Journal.FILE_NAME)))
                .orElseThrow(() -> new StepwiseException(ErrorCode.USAGE, "no run found in " + stateDir,
                        "name the run, or pass --plan PLAN or --state-dir DIR"));
    }

    static List<Path> list(Path stateDir) {
        Path runs = stateDir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> found = new ArrayList<>(dirs.filter(d -> Files.isRegularFile(d.resolve(Journal.FILE_NAME))).toList());
            found.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return found;
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot list runs in " + runs + ": " + e.getMessage());
        }
    }

    static void remember(Path stateDir, String runId, Path runDir) {
        write(stateDir.resolve("last-run"), runId);
        userStateDir().ifPresent(dir -> write(dir.resolve("last-run"), runDir.toString()));
    }

    private static Optional<Path> lastRunPointer() {
        return userStateDir().flatMap(dir -> readPointer(dir.resolve("last-run"))).map(Path::of);
    }

    private static Optional<Path> userStateDir() {
        String configured = System.getenv("STEPWISE_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String home = System.getProperty("user.home");
        return home == null ? Optional.empty() : Optional.of(Path.of(home, ".local", "state", "stepwise"));
    }

    private static Optional<String> readPointer(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    .filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a pointer is a convenience; the run itself is in its journal
        }
    }
}
