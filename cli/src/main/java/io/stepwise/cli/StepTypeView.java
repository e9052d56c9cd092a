package io.stepwise.cli;

import io.stepwise.engine.api.StepTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code stepwise steps}: the types as a table, or one type's parameters and outputs. */
final class StepTypeView {
    private static final int DESCRIPTION_WIDTH = 90;

    private StepTypeView() {
    }

    static List<String> table(List<StepTypeInfo> types, Style style) {
        if (types.isEmpty()) {
            return List.of("No step types are registered.");
        }
        TextTable table = new TextTable("TYPE", "PARAMETERS", "ROLLBACK", "DESCRIPTION");
        for (StepTypeInfo type : types) {
            table.row(type.name(), String.valueOf(type.parameters().size()), rollback(type.reversibility()),
                    style.truncate(firstSentence(type.description()), DESCRIPTION_WIDTH));
        }
        List<String> lines = new ArrayList<>(table.lines());
        lines.add("");
        lines.add("Details of one type: stepwise steps TYPE");
        return lines;
    }

    static List<String> detail(StepTypeInfo type, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.bold(type.name()) + ": " + type.description().strip());
        lines.add("Rollback: " + rollback(type.reversibility()));
        lines.add("");
        lines.add(style.bold("Parameters") + (type.parameters().isEmpty() ? ": none" : ""));
        for (StepTypeInfo.Param param : type.parameters()) {
            List<String> traits = new ArrayList<>();
            traits.add(param.type());
            traits.add(param.required() ? (param.actions().isEmpty() ? "required" : "required for "
                    + String.join(", ", param.actions())) : "optional");
            if (!param.actions().isEmpty() && !param.required()) {
                traits.add("action " + String.join(", ", param.actions()));
            }
            if (param.secret()) {
                traits.add("secret");
            }
            lines.add("  " + style.bold(param.name()) + " (" + String.join(", ", traits) + ")");
            if (!param.description().isBlank()) {
                param.description().strip().lines().forEach(line -> lines.add("      " + line));
            }
            param.defaultValue().ifPresent(value -> lines.add("      default: " + value));
            if (param.min().isPresent() || param.max().isPresent()) {
                lines.add("      range: " + param.min().orElse("") + ".." + param.max().orElse(""));
            }
            param.rules().forEach(rule -> lines.add("      rule: " + rule));
            if (!param.allowedValues().isEmpty()) {
                lines.add((param.type().equals("connection") ? "      connection types: " : "      allowed: ")
                        + String.join(", ", param.allowedValues()));
            }
            param.example().ifPresent(example -> lines.add("      example: " + example));
            if (param.secret()) {
                lines.add("      masked as **** in dry-run, events, logs and the journal");
            }
        }
        lines.add("");
        lines.add(style.bold("Outputs") + (type.outputs().isEmpty() ? ": none" : ""));
        if (!type.outputs().isEmpty()) {
            TextTable outputs = new TextTable("NAME", "TYPE", "DESCRIPTION");
            type.outputs().forEach(o -> outputs.row(o.name(), o.type(), o.description()));
            outputs.lines().forEach(line -> lines.add("  " + line));
            lines.add("  (read them as ${steps.<id>.<name>})");
        }
        return lines;
    }

    /** The SPI's reversibility in words: nothing to undo, undoes itself, or needs a person. */
    private static String rollback(String reversibility) {
        if (reversibility == null) {
            return "";
        }
        return switch (reversibility) {
            case "SELF" -> "undoes itself";
            case "NEEDS_PERSON" -> "needs a person";
            default -> reversibility.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String firstSentence(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line;
    }
}
