package io.stepwise.steps.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bound {@code exec} step.
 *
 * @param argv the command, or {@code /bin/sh -ec <script>}
 * @param script true when written as {@code script}
 * @param expectExit the exit codes that count as success, as their digits
 * @param extract output name to a regex with one capture group, applied to stdout
 */
public record ExecConfig(List<String> argv, boolean script, Map<String, String> env, Optional<Path> cwd,
        Optional<String> stdin, Optional<Duration> timeout, List<String> expectExit, Map<String, String> extract,
        boolean parseJson, boolean declaredIdempotent, Optional<Readiness> ready, Duration readyTimeout, boolean keep) {

    public ExecConfig {
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        expectExit = List.copyOf(expectExit);
        extract = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extract));
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
    }
}
