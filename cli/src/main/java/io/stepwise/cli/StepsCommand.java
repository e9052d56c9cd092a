package io.stepwise.cli;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepTypeInfo;
import io.stepwise.engine.api.StepwiseException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stepwise steps [TYPE]}: the registered step types, or one type in detail. */
@Command(name = "steps", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Lists the registered step types, or shows one type's parameters and outputs.",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.HELP_SUCCESS, "2:unknown step type"},
        footerHeading = "%nExamples:%n",
        footer = {"  stepwise steps", "  stepwise steps sql"})
final class StepsCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE", description = "A step type, such as sql.")
    String type;

    StepsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<StepTypeInfo> types = context.engine().stepTypes().stream()
                .sorted(Comparator.comparing(StepTypeInfo::name)).toList();
        Style style = Style.of(context.terminal());
        List<String> lines = type == null ? StepTypeView.table(types, style) : StepTypeView.detail(find(types), style);
        lines.forEach(context.out()::println);
        context.out().flush();
        return ExitStatus.SUCCESS;
    }

    private StepTypeInfo find(List<StepTypeInfo> types) {
        return types.stream().filter(t -> t.name().equals(type)).findFirst()
                .orElseThrow(() -> new StepwiseException(ErrorCode.USAGE, "unknown step type '" + type + "'",
                        Suggestions.hint(type, types.stream().map(StepTypeInfo::name).toList(), "known types")));
    }
}
