package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one rule for where runs live and how a run is found, used by every command.
 *
 * <p>A run lives in {@code <state dir>/runs/<run id>/}. A new run's state dir is {@code --state-dir} if given, else
 * the environment variable {@value #STATE_DIR_ENV}, else {@code .stepwise/} beside the plan. Every state dir a run
 * was started in is recorded in the user's state directory ({@code $STEPWISE_HOME}, else {@code
 * $XDG_STATE_HOME/stepwise}, else {@code ~/.local/state/stepwise}), with the user's latest run.
 *
 * <p>A run named by id is looked for in, in order: {@code --state-dir}, {@value #STATE_DIR_ENV}, the state dir of
 * {@code --plan}, {@code ./.stepwise}, then every recorded state dir; so an id works from any directory. A run
 * named by its directory is that directory. With no run named, the latest run is the latest of the first state dir
 * given ({@code --state-dir}, {@value #STATE_DIR_ENV} or {@code --plan}; with {@code --plan}, the latest run of that
 * plan, as plans side by side share a state dir), else the user's latest run. Listing every
 * run ({@code status --all}, {@code prune}) covers the state dir given, or else all of them.
 */
final class RunLocator {
    static final String STATE_DIR_NAME = ".stepwise";
    static final String STATE_DIR_ENV = "STEPWISE_STATE_DIR";
    private static final String KNOWN_STATE_DIRS = "state-dirs";
    private static final Pattern RUN_TIME = Pattern.compile("(\\d{8}-\\d{6})");

    private final Map<String, String> env;
    private final Path workingDir;

    RunLocator(Map<String, String> env, Path workingDir) {
        this.env = Map.copyOf(env);
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** The process's environment and working directory. */
    static RunLocator system() {
        return new RunLocator(System.getenv(), Path.of(""));
    }

    /** The state dir of a new run of {@code planFile} (or, with no plan, {@code ./.stepwise}): see the class comment. */
    static Path stateDir(Optional<Path> given, Optional<Path> planFile) {
        return system().stateDirFor(given, planFile);
    }

    /** The run dir named by id or path, or the latest run, as the process's environment and directory see it. */
    static Path find(Optional<String> run, Optional<Path> planFile, Optional<Path> stateDirOption) {
        return system().locate(run, planFile, stateDirOption);
    }

    /** Records a new run as the latest of its state dir and of the user, and its state dir among the known ones. */
    static void remember(Path stateDir, String runId, Path runDir) {
        system().record(stateDir, runId, runDir);
    }

    Path stateDirFor(Optional<Path> given, Optional<Path> planFile) {
        return given(given).orElseGet(() -> planFile.map(this::besidePlan)
                .orElse(workingDir.resolve(STATE_DIR_NAME)));
    }

    static Path runDir(Path stateDir, String runId) {
        return stateDir.resolve("runs").resolve(runId);
    }

    /** The run dir named by id or path, or the latest run (see the class comment). */
    Path locate(Optional<String> run, Optional<Path> planFile, Optional<Path> stateDirOption) {
        if (run.isPresent()) {
            Path asPath = workingDir.resolve(run.get());
            if (Files.isRegularFile(asPath.resolve(Journal.FILE_NAME))) {
                return asPath.normalize();
            }
            List<Path> searched = searchOrder(planFile, stateDirOption);
            return searched.stream().map(dir -> runDir(dir, run.get()))
                    .filter(p -> Files.isRegularFile(p.resolve(Journal.FILE_NAME))).findFirst()
                    .orElseThrow(() -> new StepwiseException(ErrorCode.USAGE, "no run '" + run.get() + "' in "
                            + describe(searched), "list the runs with: stepwise status --all"));
        }
        Optional<Path> explicit = given(stateDirOption).or(() -> planFile.map(this::besidePlan));
        Optional<Path> last;
        if (planFile.isPresent()) {
            // plans side by side share a state dir: the latest run of this plan, not of its neighbours
            Path plan = absolute(planFile.get());
            last = list(explicit.map(List::of).orElse(List.of())).stream().filter(dir -> isRunOf(dir, plan)).findFirst();
        } else if (explicit.isPresent()) {
            last = readPointer(explicit.get().resolve("last-run")).map(id -> runDir(explicit.get(), id));
        } else {
            // the user's latest run; when that one is gone (deleted, pruned), the newest of every known state dir
            last = userStateDir().flatMap(dir -> readPointer(dir.resolve("last-run"))).map(Path::of)
                    .filter(p -> Files.isRegularFile(p.resolve(Journal.FILE_NAME)))
                    .or(() -> list(searchOrder(Optional.empty(), Optional.empty())).stream().findFirst());
        }
        return last.filter(p -> Files.isRegularFile(p.resolve(Journal.FILE_NAME)))
                .orElseThrow(() -> new StepwiseException(ErrorCode.USAGE, "no run found"
                        + explicit.map(d -> " in " + d).orElse(""),
                        "start one with: stepwise run PLAN; stepwise status --all lists the runs there are"));
    }

    private static boolean isRunOf(Path runDir, Path planFile) {
        try {
            String recorded = RunState.replay(runDir.resolve(Journal.FILE_NAME)).header().planFile();
            return recorded != null && Path.of(recorded).normalize().equals(planFile);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The state dirs {@code status --all} and {@code prune} cover: the one given, or every one known. */
    List<Path> stateDirsToList(Optional<Path> planFile, Optional<Path> stateDirOption) {
        Optional<Path> explicit = given(stateDirOption).or(() -> planFile.map(this::besidePlan));
        return explicit.map(List::of).orElseGet(() -> searchOrder(Optional.empty(), Optional.empty()));
    }

    /** The runs of some state dirs, newest first (by the time in their id, then by name). */
    static List<Path> list(List<Path> stateDirs) {
        List<Path> found = new ArrayList<>();
        for (Path stateDir : stateDirs) {
            Path runs = stateDir.resolve("runs");
            if (!Files.isDirectory(runs)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(runs)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve(Journal.FILE_NAME))).forEach(found::add);
            } catch (IOException e) {
                throw new StepwiseException(ErrorCode.JOURNAL, "cannot list runs in " + runs + ": " + e.getMessage());
            }
        }
        found.sort(Comparator.comparing((Path p) -> startTime(p.getFileName().toString()))
                .thenComparing(p -> p.getFileName().toString()).reversed());
        return found;
    }

    static List<Path> list(Path stateDir) {
        return list(List.of(stateDir));
    }

    void record(Path stateDir, String runId, Path runDir) {
        write(stateDir.resolve("last-run"), runId);
        userStateDir().ifPresent(dir -> {
            write(dir.resolve("last-run"), runDir.toString());
            if (!knownStateDirs().contains(stateDir)) {
                append(dir.resolve(KNOWN_STATE_DIRS), stateDir.toString());
            }
        });
    }

    private List<Path> searchOrder(Optional<Path> planFile, Optional<Path> stateDirOption) {
        Set<Path> dirs = new LinkedHashSet<>();
        stateDirOption.map(this::absolute).ifPresent(dirs::add);
        envStateDir().ifPresent(dirs::add);
        planFile.map(this::besidePlan).ifPresent(dirs::add);
        dirs.add(workingDir.resolve(STATE_DIR_NAME));
        dirs.addAll(knownStateDirs());
        return List.copyOf(dirs);
    }

    private Optional<Path> given(Optional<Path> stateDirOption) {
        return stateDirOption.map(this::absolute).or(this::envStateDir);
    }

    private Optional<Path> envStateDir() {
        return Optional.ofNullable(env.get(STATE_DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of).map(this::absolute);
    }

    private Path absolute(Path path) {
        return workingDir.resolve(path).normalize();
    }

    private Path besidePlan(Path planFile) {
        return absolute(planFile).getParent().resolve(STATE_DIR_NAME);
    }

    private List<Path> knownStateDirs() {
        return userStateDir().map(dir -> dir.resolve(KNOWN_STATE_DIRS)).filter(Files::isRegularFile).map(file -> {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).map(Path::of).filter(Files::isDirectory).distinct()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                return List.<Path>of();
            }
        }).orElse(List.of());
    }

    /** {@code $STEPWISE_HOME}, else {@code $XDG_STATE_HOME/stepwise}, else {@code $HOME/.local/state/stepwise}. */
    Optional<Path> userStateDir() {
        String configured = env.get("STEPWISE_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(absolute(Path.of(configured)));
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "stepwise"));
        }
        String home = Optional.ofNullable(env.get("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"));
        return home == null ? Optional.empty() : Optional.of(Path.of(home, ".local", "state", "stepwise"));
    }

    private static String describe(List<Path> dirs) {
        return dirs.size() == 1 ? dirs.get(0).toString() : dirs.size() + " state dirs (" + dirs.stream()
                .map(Path::toString).collect(Collectors.joining(", ")) + ")";
    }

    private static String startTime(String runId) {
        Matcher m = RUN_TIME.matcher(runId);
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
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
            Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a pointer is a convenience; the run itself is in its journal
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the list is a convenience: a run is still found by --state-dir or --plan
        }
    }
}
