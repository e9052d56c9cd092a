package io.stepwise.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

/** {@code stepwise completion bash|zsh|fish}: a completion script for the shell, from the one command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Prints a script that completes stepwise's commands and options in bash, zsh or fish.",
            "bash and zsh share picocli's script (zsh through bashcompinit); fish gets its own."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  stepwise completion bash > stepwise-completion.bash",
            "",
            "Install: bash: into ~/.local/share/bash-completion/completions/stepwise; zsh: into ~/.zfunc/stepwise.zsh,",
            "sourced from ~/.zshrc; fish: into ~/.config/fish/completions/stepwise.fish (README: completion)."
        })
final class CompletionCommand implements Callable<Integer> {
    enum Shell { BASH, ZSH, FISH }

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandLine tree = StepwiseCli.commandLine(context);
        String script = shell == Shell.FISH ? fish(tree) : AutoComplete.bash("stepwise", tree);
        context.out().print(script);
        context.out().flush();
        return ExitStatus.SUCCESS;
    }

    /** complete lines for fish: the subcommands first, then each one's options (enum values as arguments). */
    static String fish(CommandLine tree) {
        List<String> lines = new ArrayList<>();
        lines.add("# fish completion for stepwise: stepwise completion fish > ~/.config/fish/completions/stepwise.fish");
        lines.add("complete -c stepwise -e");
        String subcommands = String.join(" ", tree.getSubcommands().keySet());
        lines.add("complete -c stepwise -n 'not __fish_seen_subcommand_from " + subcommands + "' -f");
        for (OptionSpec option : tree.getCommandSpec().options()) {
            lines.add(option(option, "not __fish_seen_subcommand_from " + subcommands));
        }
        tree.getSubcommands().forEach((name, sub) -> {
            lines.add("complete -c stepwise -n 'not __fish_seen_subcommand_from " + subcommands + "' -a " + quote(name)
                    + " -d " + quote(firstLine(sub.getCommandSpec())));
            for (OptionSpec option : sub.getCommandSpec().options()) {
                lines.add(option(option, "__fish_seen_subcommand_from " + name));
            }
        });
        return String.join("\n", lines) + "\n";
    }

    private static String option(OptionSpec option, String condition) {
        StringBuilder line = new StringBuilder("complete -c stepwise -n '" + condition + "'");
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                line.append(" -l ").append(name.substring(2));
            } else if (name.startsWith("-") && name.length() == 2) {
                line.append(" -s ").append(name.substring(1));
            }
        }
        if (option.arity().max() > 0) {
            line.append(" -r");
            Iterable<String> candidates = option.completionCandidates();
            if (candidates != null && candidates.iterator().hasNext()) {
                List<String> values = new ArrayList<>();
                candidates.forEach(v -> values.add(v.toLowerCase(Locale.ROOT)));
                line.append(" -f -a ").append(quote(String.join(" ", values)));
            }
        }
        String[] description = option.description();
        if (description.length > 0) {
            line.append(" -d ").append(quote(description[0].replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))));
        }
        return line.toString();
    }

    private static String firstLine(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
