package io.stepwise.steps.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.steps.support.Json;
import io.stepwise.steps.support.Texts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Judges a finished process (exit code) and builds the step's values (output, extracted, JSON). */
final class ExecOutcome {
    private static final int TAIL_LINES = 10;

    private ExecOutcome() {
    }

    /** The command for messages: the argv, or {@code script} and its first line. */
    static String what(ExecConfig config) {
        if (config.script()) {
            return "script '" + Texts.shorten(config.argv().get(2).strip().lines().findFirst().orElse(""), 60)
                    + (config.argv().get(2).strip().contains("\n") ? " ..." : "") + "'";
        }
        return "'" + Texts.shorten(Texts.argv(config.argv()), 80) + "'";
    }

    static StepResult of(ExecConfig config, ExecResult result, StepContext context) {
        if (!config.expectExit().contains(Integer.toString(result.exitCode()))) {
            String stderr = Texts.lastLines(result.stderr(), TAIL_LINES);
            String output = stderr.isEmpty() ? Texts.lastLines(result.stdout(), TAIL_LINES) : stderr;
            String shown = output.isEmpty() ? "; it printed nothing"
                    : "; " + (stderr.isEmpty() ? "stdout" : "stderr") + " ends with:\n" + output;
            throw new StepFailedException(context.mask(what(config) + " exited with " + result.exitCode()
                    + " (expected " + expected(config) + ")" + shown),
                    "the whole output is in the run's logs directory (" + context.runDir().resolve("logs") + ")");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("stdout", Texts.chompNewlines(result.stdout()));
        values.put("stderr", Texts.chompNewlines(result.stderr()));
        values.put("exit_code", result.exitCode());
        config.extract().forEach((name, regex) -> values.put(name, extract(name, regex, result, context)));
        values.put("json", config.parseJson() ? json(result, context) : null);
        return new StepResult(values);
    }

    private static String expected(ExecConfig config) {
        return config.expectExit().size() == 1 ? String.valueOf(config.expectExit().get(0))
                : "one of " + config.expectExit();
    }

    /** What the runner found in the whole stream; else (a runner that did not look) a search of stdout. */
    private static String extract(String name, String regex, ExecResult result, StepContext context) {
        String streamed = result.extracted().get(name);
        if (streamed != null) {
            return streamed;
        }
        String stdout = result.stdout();
        if (result.stdoutOmitted() > 0) {
            throw new StepFailedException(context.mask("extract '" + name + "': /" + regex + "/ did not match anywhere in stdout"
                    + result.logFile().map(f -> " (all of it is in " + f + ")").orElse("")),
                    "check the regex against the output; ^ and $ match at line breaks; a match must fit in 64 KiB");
        }
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(stdout);
        if (!matcher.find()) {
            String start = Texts.shorten(stdout, 200);
            throw new StepFailedException(context.mask("extract '" + name + "': /" + regex + "/ did not match stdout"
                    + (start.isEmpty() ? " (stdout is empty)" : ", which starts with: " + start)),
                    "check the regex against the output; ^ and $ match at line breaks");
        }
        String value = matcher.group(1);
        return value == null ? "" : value;
    }

    private static Object json(ExecResult result, StepContext context) {
        String stdout = result.stdout();
        if (result.stdoutOmitted() > 0) {
            throw new StepFailedException(context.mask("stdout is too long to parse as JSON (parse_json: true): "
                    + String.format("%,d of its characters are left out of the result", result.stdoutOmitted())
                    + result.logFile().map(f -> "; all of it is in " + f).orElse("")),
                    "print less JSON, or write it to a file and read what you need from there");
        }
        try {
            return Json.read(stdout);
        } catch (JsonProcessingException e) {
            throw new StepFailedException(context.mask("stdout is not JSON (parse_json: true): "
                    + Texts.shorten(e.getOriginalMessage(), 120) + "; stdout starts with: " + Texts.shorten(stdout, 120)),
                    "make the command print only JSON (send its messages to stderr)");
        }
    }
}
