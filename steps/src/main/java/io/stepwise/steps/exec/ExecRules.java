package io.stepwise.steps.exec;

import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.steps.support.Literals;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules of {@code exec} parameters, checked on literals before the run and again when binding. */
final class ExecRules {
    /** Result names an {@code extract} entry may not take. */
    static final Set<String> RESERVED = Set.of("stdout", "stderr", "exit_code", "json", "pid", "log_file");

    private ExecRules() {
    }

    static void validate(ParamValues params, Problems problems) {
        boolean command = params.has("command");
        if (command == params.has("script")) {
            problems.add(command ? "script" : "command", command ? "give command or script, not both"
                    : "one of command or script is required", "command: [argv...] runs without a shell; script: runs in /bin/sh -e");
        }
        params.literal("command").ifPresent(value -> {
            if (value instanceof List<?> list && list.isEmpty()) {
                problems.add("command", "command must not be empty");
            }
        });
        params.literal("script").ifPresent(value -> {
            if (String.valueOf(value).isBlank()) {
                problems.add("script", "script must not be blank");
            }
        });
        params.literal("expect_exit").flatMap(ExecRules::exitCodesProblem).ifPresent(p -> problems.add("expect_exit", p));
        params.literal("extract").flatMap(ExecRules::extractProblem).ifPresent(p -> problems.add("extract", p,
                "write extract: {name: 'regex with (one group)'}"));
        params.literal("ready").ifPresent(value -> {
            Optional<String> problem = value instanceof Map<?, ?> map ? Readiness.problem(map)
                    : Optional.of("ready must be a mapping");
            problem.ifPresent(p -> problems.add("ready", p, "ready: {port: 3306}, {log: 'regex'} or {http: url, status: 200}"));
        });
    }

    static Optional<String> exitCodesProblem(Object value) {
        return value instanceof List<?> list ? Literals.wholeNumbers("expect_exit", list, 0, 255)
                : Optional.of("expect_exit must be a list of exit codes");
    }

    static Optional<String> extractProblem(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.of("extract must be a mapping of names to regular expressions");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                return Optional.of("extract name '" + name + "' must be snake_case");
            }
            if (RESERVED.contains(name)) {
                return Optional.of("extract name '" + name + "' is taken by the result; choose another");
            }
            Optional<String> regex = Literals.regex("extract." + name, entry.getValue(), 1);
            if (regex.isPresent()) {
                return regex;
            }
        }
        return Optional.empty();
    }

    static ExecConfig bind(Params params) {
        boolean command = params.has("command");
        if (command == params.has("script")) {
            throw new IllegalArgumentException(command ? "give command or script, not both"
                    : "one of command or script is required");
        }
        List<String> argv = command ? params.stringList("command") : List.of("/bin/sh", "-ec", params.string("script"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("parameter 'command' must not be empty");
        }
        return new ExecConfig(argv, !command, env(params), params.optionalString("cwd").map(Path::of), params.optionalString("stdin"),
                params.optionalDuration("timeout"), Literals.ints("expect_exit", params.list("expect_exit"), 0, 255),
                extract(params), params.bool("parse_json"), params.bool("idempotent"),
                params.has("ready") ? Optional.of(Readiness.of(params.map("ready"))) : Optional.empty(),
                params.duration("ready_timeout"), params.bool("keep"));
    }

    private static Map<String, String> env(Params params) {
        Map<String, String> env = new LinkedHashMap<>();
        if (params.has("env")) {
            params.map("env").forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        }
        return env;
    }

    private static Map<String, String> extract(Params params) {
        Map<String, String> extract = new LinkedHashMap<>();
        if (params.has("extract")) {
            Map<String, Object> map = params.map("extract");
            map.forEach((name, regex) -> Literals.known("extract." + name, regex));
            extractProblem(map).ifPresent(p -> {
                throw new IllegalArgumentException("parameter 'extract': " + p);
            });
            map.forEach((k, v) -> extract.put(k, String.valueOf(v)));
        }
        return extract;
    }
}
