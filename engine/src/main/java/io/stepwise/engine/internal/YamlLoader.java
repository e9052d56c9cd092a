package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a plan file into a {@link PlanNode} tree that keeps line:column for every node, with YAML
 * 1.2 core schema semantics, as editors and JSON tools read the file: {@code 010} is ten,
 * {@code 0o10} eight, and {@code no}, {@code off}, {@code y} are strings. Duplicate keys, anchors and
 * aliases (the alias-bomb vector), custom tags and oversized or too deeply nested documents are errors.
 */
public final class YamlLoader {
    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    public record Loaded(PlanNode root, String text) {
    }

    public Loaded load(Path file) {
        if (StandardInput.is(file)) {
            String text = StandardInput.read();
            return new Loaded(parse(text, StandardInput.LABEL), text);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StepwiseException(ErrorCode.USAGE, "plan file not found: " + file, "check the path");
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.USAGE, "cannot read plan file " + file + ": " + e.getMessage(), null, e);
        }
        return new Loaded(parse(text, file.toString()), text);
    }

    public PlanNode parse(String text, String fileName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(100) // aliases are rejected below, with their position
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        Node root;
        try {
            checkDepth(settings, text, fileName);
            root = new Compose(settings).composeReader(new StringReader(text)).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            throw invalid(position(fileName, mark), cleanMessage(e), yamlHint(e));
        } catch (YamlEngineException e) {
            throw invalid(new Position(fileName, 1, 1), cleanMessage(e), yamlHint(e));
        }
        if (root == null) {
            throw invalid(new Position(fileName, 1, 1), "the plan file is empty",
                    "a plan needs at least 'name' and 'steps'");
        }
        List<Problem> problems = new ArrayList<>();
        PlanNode node = convert(root, fileName, problems, new IdentityHashMap<>());
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return node;
    }

    /** Walks the parser's events (no recursion) so a document nested deeper than a plan needs is refused before composing. */
    private static void checkDepth(LoadSettings settings, String text, String fileName) {
        int depth = 0;
        for (Event event : new Parse(settings).parseReader(new StringReader(text))) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw invalid(position(fileName, event.getStartMark()), "the plan is nested more than "
                                + MAX_DEPTH + " levels deep", "a plan needs a few levels; flatten the data");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
        }
    }

    private PlanNode convert(Node node, String file, List<Problem> problems, Map<Node, Boolean> seen) {
        Position pos = position(file, node.getStartMark());
        if (seen.put(node, Boolean.TRUE) != null) {
            problems.add(Problem.at(pos, "YAML anchors and aliases are not allowed in plans",
                    "repeat the value, or use an input or expression"));
            return new PlanNode.Scalar(null, pos);
        }
        if (node instanceof MappingNode mapping) {
            return convertMapping(mapping, file, problems, seen, pos);
        }
        if (node instanceof SequenceNode sequence) {
            List<PlanNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, file, problems, seen));
            }
            return new PlanNode.Sequence(items, pos);
        }
        return new PlanNode.Scalar(scalarValue((ScalarNode) node, pos, problems), pos);
    }

    private PlanNode convertMapping(MappingNode mapping, String file, List<Problem> problems, Map<Node, Boolean> seen,
            Position pos) {
        if (mapping.hasMergeTag()) {
            problems.add(Problem.at(pos, "YAML merge keys (<<) are not allowed in plans", "write the keys out"));
        }
        Map<String, PlanNode> entries = new LinkedHashMap<>();
        Map<String, Position> keyPositions = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyPos = position(file, keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(Problem.at(keyPos, "mapping keys must be plain strings"));
                continue;
            }
            String key = scalarKey.getValue();
            if (entries.containsKey(key)) {
                problems.add(Problem.at(keyPos, "duplicate key '" + key + "'",
                        "first defined at line " + keyPositions.get(key).line()));
                continue;
            }
            keyPositions.put(key, keyPos);
            entries.put(key, convert(tuple.getValueNode(), file, problems, seen));
        }
        return new PlanNode.Mapping(entries, keyPositions, pos);
    }

    private static Object scalarValue(ScalarNode node, Position pos, List<Problem> problems) {
        String value = node.getValue();
        Tag tag = node.getTag();
        if (Tag.STR.equals(tag)) {
            return value;
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            // the core schema's true/True/TRUE/false/...; yes/no/on/off/y/n are strings in YAML 1.2
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            return lower.equals("true") || lower.equals("false") ? Boolean.valueOf(lower) : value;
        }
        if (Tag.INT.equals(tag)) {
            return integer(value);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(value);
        }
        problems.add(Problem.at(pos, "YAML tag " + tag.getValue() + " is not allowed in plans",
                "remove the !tag; plans use plain values"));
        return value;
    }

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

    /** A core-schema integer: decimal (leading zeros are decimal: 010 is ten), 0o octal, 0x hex; text when out of range. */
    static Object integer(String value) {
        try {
            if (value.startsWith("0o")) {
                return Long.parseLong(value.substring(2), 8);
            }
            if (value.startsWith("0x")) {
                return Long.parseLong(value.substring(2), 16);
            }
            if (DECIMAL.matcher(value).matches()) {
                return Long.parseLong(value.startsWith("+") ? value.substring(1) : value, 10);
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }

    /** A core-schema float: decimal or exponent notation, .inf, -.inf, .nan in any of their spellings. */
    static Object floating(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static Position position(String file, Optional<Mark> mark) {
        return mark.map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1)).orElse(new Position(file, 1, 1));
    }

    private static InvalidPlanException invalid(Position position, String message, String hint) {
        return new InvalidPlanException(List.of(Problem.at(position, message, hint)));
    }

    private static String cleanMessage(YamlEngineException e) {
        String text;
        if (e instanceof MarkedYamlEngineException marked) {
            text = (marked.getContext() == null ? "" : marked.getContext() + ": ")
                    + (marked.getProblem() == null ? "" : marked.getProblem());
        } else {
            text = e.getMessage();
        }
        text = text == null ? "invalid YAML" : text.replaceAll("\\s+", " ").trim();
        if (text.contains("found duplicate key")) {
            return "duplicate key" + text.substring(text.indexOf("found duplicate key") + "found duplicate key".length());
        }
        return "invalid YAML: " + text;
    }

    private static String yamlHint(YamlEngineException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("aliases") || text.contains("alias")) {
            return "YAML anchors and aliases are not allowed in plans";
        }
        if (text.contains("tab")) {
            return "indent with spaces, not tabs";
        }
        if (text.contains("code point")) {
            return "the plan file is too large";
        }
        return "check indentation and quoting; a value with ': ' or '#' needs quotes";
    }
}
