package io.stepwise.steps.tidb.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in executable for a TiDB tool (tiup, cdc, br, sync_diff_inspector, sysbench): a small sh
 * script that appends its argv to a file and answers with the real tool's output format for the first
 * rule whose pattern matches {@code "$*"}. It proves what the step sends and how it reads answers,
 * not what the tool does.
 */
public final class StandIn {
    private final Path dir;
    private final String name;
    private final List<String> rules = new ArrayList<>();
    private String fallback = "exit 0";
    private String prelude = "";

    private StandIn(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public static StandIn named(Path dir, String name) {
        return new StandIn(dir, name);
    }

    /** When {@code "$*"} contains {@code contains}: print stdout and stderr, run shell, exit with code. */
    public StandIn when(String contains, String stdout, String stderr, int exitCode, String shell) {
        rules.add("  *" + shellQuote(contains) + "*)\n" + body(stdout, stderr, exitCode, shell) + "    ;;\n");
        return this;
    }

    public StandIn when(String contains, String stdout, int exitCode) {
        return when(contains, stdout, "", exitCode, "");
    }

    /** Shell run after the argv is recorded and before the rules, such as the tool's own argument checks. */
    public StandIn prelude(String shell) {
        prelude = shell.endsWith("\n") ? shell : shell + "\n";
        return this;
    }

    /**
     * tiup's front end as {@code cmd/root.go} reads its arguments: {@code --tag}/{@code -T} and
     * {@code --binpath} only as the first argument and with the value as the next word; the next
     * argument is the component, and one that is not a component name (such as {@code --tag=upstream})
     * fails with "Error: unknown component", exit 1, before anything starts.
     */
    public static StandIn tiup(Path dir) {
        return named(dir, "tiup").prelude("case \"$1\" in --tag|-T|--binpath) [ $# -ge 2 ] || { echo \"Error: flag $1"
                + " needs an argument\" >&2; exit 1; }; shift 2;; esac\n"
                + "case \"$1\" in -*|'') echo 'Error: unknown component' >&2; exit 1;; esac");
    }

    public StandIn otherwise(String stdout, String stderr, int exitCode) {
        fallback = body(stdout, stderr, exitCode, "");
        return this;
    }

    private static String body(String stdout, String stderr, int exitCode, String shell) {
        StringBuilder text = new StringBuilder();
        if (!shell.isEmpty()) {
            text.append("    ").append(shell).append('\n');
        }
        if (!stdout.isEmpty()) {
            text.append("    cat <<'__STDOUT__'\n").append(stdout).append(stdout.endsWith("\n") ? "" : "\n")
                    .append("__STDOUT__\n");
        }
        if (!stderr.isEmpty()) {
            text.append("    cat >&2 <<'__STDERR__'\n").append(stderr).append(stderr.endsWith("\n") ? "" : "\n")
                    .append("__STDERR__\n");
        }
        text.append("    exit ").append(exitCode).append('\n');
        return text.toString();
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    public Path argvFile() {
        return dir.resolve(name + ".argv");
    }

    /** Writes the script and returns its path. */
    public Path write() throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve(name);
        String text = "#!/bin/sh\n"
                + "{ for a in \"$@\"; do printf '%s\\n' \"$a\"; done; printf '%s\\n' '--end--'; } >> "
                + shellQuote(argvFile().toString()) + "\n" + prelude
                + "case \"$*\" in\n" + String.join("", rules) + "  *)\n" + fallback + "    ;;\nesac\n";
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** Every invocation's argv (without the program), in order. */
    public List<List<String>> invocations() throws IOException {
        List<List<String>> all = new ArrayList<>();
        if (!Files.exists(argvFile())) {
            return all;
        }
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(argvFile())) {
            if (line.equals("--end--")) {
                all.add(List.copyOf(current));
                current.clear();
            } else {
                current.add(line);
            }
        }
        return all;
    }
}
