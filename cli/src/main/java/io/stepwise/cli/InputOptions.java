package io.stepwise.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --set NAME=VALUE} and {@code --set-file NAME=FILE}: the plan's inputs. */
final class InputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--set", paramLabel = "NAME=VALUE", converter = Assignment.Converter.class,
            description = "Sets a plan input (repeatable). Later values win.")
    List<Assignment> values = new ArrayList<>();

    @Option(names = "--set-file", paramLabel = "NAME=FILE", converter = Assignment.Converter.class,
            description = "Sets a plan input to the contents of a file, without its final newline "
                    + "(for secrets: the value stays off the command line).")
    List<Assignment> files = new ArrayList<>();

    /** The inputs in the order given; a file that cannot be read is a usage error. */
    Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        values.forEach(a -> inputs.put(a.name(), a.value()));
        for (Assignment file : files) {
            inputs.put(file.name(), read(file));
        }
        return inputs;
    }

    private String read(Assignment file) {
        try {
            String text = Files.readString(Path.of(file.value()), StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException | RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--set-file " + file.name() + "=" + file.value()
                    + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
