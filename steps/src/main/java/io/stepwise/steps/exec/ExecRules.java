package io.stepwise.steps.exec;

import io.stepwise.engine.spi.Params;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The value rules {@code exec}'s declarations check, and its binding. */
final class ExecRules {
    /** Result names an {@code extract} entry may not take. */
    static final List<String> RESERVED = List.of("exit_code", "json", "log_file", "pid", "stderr", "stdout");

    private ExecRules() {
    }

    /** A whole number from 0 to 255, as a plan writes it (or its digits, from an input). */
    static boolean isExitCode(Object value) {
        String text = digits(value);
        return text.matches("\\d{1,3}") && Integer.parseInt(text) <= 255;
    }

    /**
     * A whole number as the config keeps it: its digits. Codes stay text, so one known only at run
     * time reaches dry-run as its source; a run compares only codes {@link ExecStep#EXPECT_EXIT} checked.
     */
    static String digits(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue())
                : String.valueOf(value).strip();
    }

    static boolean namesAreSnakeCase(Map<String, Object> extract) {
        return extract.entrySet().stream().allMatch(e -> e.getKey().matches("[a-z_][a-z0-9_]*") && e.getValue() instanceof String);
    }

    static boolean namesAreFree(Map<String, Object> extract) {
        return extract.keySet().stream().noneMatch(RESERVED::contains);
    }

    static boolean regexesHaveOneGroup(Map<String, Object> extract) {
        return extract.values().stream().allMatch(regex -> groups(String.valueOf(regex)) == 1);
    }

    /** The capture groups of a regex, -1 when it does not compile. */
    static int groups(String regex) {
        try {
            return Pattern.compile(regex).matcher("").groupCount();
        } catch (PatternSyntaxException e) {
            return -1;
        }
    }

    static ExecConfig bind(Params params) {
        Optional<List<String>> command = params.find(ExecStep.COMMAND);
        List<String> argv = command.orElseGet(() -> List.of("/bin/sh", "-ec", params.get(ExecStep.SCRIPT)));
        return new ExecConfig(argv, command.isEmpty(), env(params), params.find(ExecStep.CWD).map(Path::of),
                params.find(ExecStep.STDIN), params.find(ExecStep.TIMEOUT),
                params.get(ExecStep.EXPECT_EXIT).stream().map(ExecRules::digits).toList(), extract(params),
                params.get(ExecStep.PARSE_JSON), params.get(ExecStep.IDEMPOTENT),
                params.find(ExecStep.READY).map(Readiness::of), params.get(ExecStep.READY_TIMEOUT),
                params.get(ExecStep.KEEP));
    }

    private static Map<String, String> env(Params params) {
        Map<String, String> env = new LinkedHashMap<>();
        params.find(ExecStep.ENV).ifPresent(given -> given.forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v))));
        return env;
    }

    private static Map<String, String> extract(Params params) {
        Map<String, String> extract = new LinkedHashMap<>();
        params.find(ExecStep.EXTRACT).ifPresent(given -> given.forEach((k, v) -> extract.put(k, String.valueOf(v))));
        return extract;
    }
}
