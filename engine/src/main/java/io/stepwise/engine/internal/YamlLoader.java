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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a plan file into a {@link PlanNode} tree that keeps line:column for every node. Duplicate
 * keys, anchors and aliases (the alias-bomb vector), custom tags and oversized documents are errors.
 */
public final class YamlLoader {
    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    public record Loaded(PlanNode root, String text) {
    }

    public Loaded load(Path file) {
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
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100); // aliases are rejected below, with their position
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_DEPTH);
        Yaml yaml = new Yaml(options);
        Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw invalid(position(fileName, mark), cleanMessage(e), yamlHint(e));
        } catch (YAMLException e) {
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
        if (mapping.isMerged()) {
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
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.valueOf(lower);
            }
            // YAML 1.1 yes/no/on/off stay strings: 'no' as a value is too easy to write by accident.
            return value;
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.decode(value.replace("_", ""));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.valueOf(value.replace("_", ""));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return value;
        }
        problems.add(Problem.at(pos, "YAML tag " + tag.getValue() + " is not allowed in plans",
                "remove the !tag; plans use plain values"));
        return value;
    }

    private static Position position(String file, Mark mark) {
        return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static InvalidPlanException invalid(Position position, String message, String hint) {
        return new InvalidPlanException(List.of(Problem.at(position, message, hint)));
    }

    private static String cleanMessage(YAMLException e) {
        String text;
        if (e instanceof MarkedYAMLException marked) {
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

    private static String yamlHint(YAMLException e) {
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
