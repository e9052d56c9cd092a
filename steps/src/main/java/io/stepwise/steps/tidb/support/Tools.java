package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Running the TiDB tools: argv building, finding the binary, and turning a bad exit into a clear failure. */
public final class Tools {
    private static final Pattern ERROR_CODE = Pattern.compile("\\b((?:CDC|BR|DM|PD|TiKV)(?::[A-Za-z]+)*:Err[A-Za-z]+)");

    private Tools() {
    }

    /** The argv: the command (such as {@code [cdc]} or {@code [tiup, cdc:v8.5.1]}) then the arguments. */
    public static List<String> argv(List<String> command, List<String> args) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(args);
        return List.copyOf(argv);
    }

    /**
     * True when the program of a command can be found: an absolute or relative path that is
     * executable, or a name on the PATH (the env's PATH when it sets one).
     */
    public static boolean available(List<String> command, Map<String, String> env) {
        String program = command.get(0);
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = env.getOrDefault("PATH", Optional.ofNullable(System.getenv("PATH")).orElse(""));
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** Runs a tool; a non-zero exit becomes a failure with the tool's last lines (masked) and the hint. */
    public static ExecResult runChecked(StepContext context, ExecAction action, String what, String hint) {
        ExecResult result = context.actions().exec(action);
        if (result.exitCode() != 0) {
            throw failure(context, what, result, hint);
        }
        return result;
    }

    public static StepFailedException failure(StepContext context, String what, ExecResult result, String hint) {
        String output = (result.stderr() + "\n" + result.stdout()).strip();
        String message = what + " exited " + result.exitCode() + errorCode(output).map(c -> " with " + c).orElse("")
                + (output.isEmpty() ? "" : ":\n" + tail(context.mask(output), 15));
        return new StepFailedException(message, hint);
    }

    /** The first error code in a tool's output, such as {@code CDC:ErrStartTsBeforeGC}. */
    public static Optional<String> errorCode(String output) {
        Matcher m = ERROR_CODE.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.asList(all).subList(from, all.length));
    }

    /** {@code --name=value}, the one flag spelling these steps use (cobra and BR accept it for every type). */
    public static String flag(String name, Object value) {
        return "--" + name + "=" + value;
    }
}
