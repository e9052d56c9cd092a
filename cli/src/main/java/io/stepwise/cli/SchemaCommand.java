package io.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stepwise schema}: the plan's JSON Schema, with the registered step types' parameters. */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {
            "Prints the JSON Schema of a plan file, with the parameters of every registered step type.",
            "Editors use it through a first line such as:",
            "# yaml-language-server: $schema=../../schemas/plan.schema.json"
        },
        footerHeading = "%nExample (regenerates the committed schema):%n",
        footer = "  ./stepwise schema > schemas/plan.schema.json")
final class SchemaCommand implements Callable<Integer> {
    private final CliContext context;

    SchemaCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String schema = context.engine().planSchema();
        context.out().print(schema.endsWith("\n") ? schema : schema + "\n");
        context.out().flush();
        return ExitStatus.SUCCESS;
    }
}
