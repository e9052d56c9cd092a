package io.stepwise.engine.spi.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A child process: argv (never through a shell unless the argv says so), environment, directory,
 * input; and regexes to look for in its whole stdout as it streams by ({@code extract}: name ->
 * regex, group 1 is the value; a match must fit in 64 KiB), which the result may not keep whole.
 */
public record ExecAction(List<String> argv, Map<String, String> env, Optional<Path> cwd, Optional<String> stdin,
        Optional<Duration> timeout, Map<String, String> extract) implements Action {

    public ExecAction(List<String> argv, Map<String, String> env, Optional<Path> cwd, Optional<String> stdin,
            Optional<Duration> timeout) {
        this(argv, env, cwd, stdin, timeout, Map.of());
    }

    public ExecAction {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        extract = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extract));
    }

    public static ExecAction of(List<String> argv) {
        return new ExecAction(argv, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String kind() {
        return "exec";
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append(k).append('=').append(ShellQuoting.quote(v)).append(' '));
        text.append(argv.stream().map(a -> a.indexOf('\n') >= 0 ? "<script below>" : ShellQuoting.quote(a))
                .collect(Collectors.joining(" ")));
        cwd.ifPresent(dir -> text.append("  (in ").append(dir).append(')'));
        return text.toString();
    }

    @Override
    public Optional<String> block() {
        String scripts = argv.stream().filter(a -> a.indexOf('\n') >= 0).collect(Collectors.joining("\n"));
        String input = stdin.map(s -> "stdin:\n" + s).orElse("");
        String text = (scripts + (scripts.isEmpty() || input.isEmpty() ? "" : "\n") + input).stripTrailing();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    @Override
    public String blockLanguage() {
        return "sh";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("argv", argv);
        fields.put("env", env);
        cwd.ifPresent(dir -> fields.put("cwd", dir.toString()));
        stdin.ifPresent(s -> fields.put("stdin", s));
        timeout.ifPresent(t -> fields.put("timeout", t.toString()));
        return fields;
    }
}
