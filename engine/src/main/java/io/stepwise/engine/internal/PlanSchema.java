package io.stepwise.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.Keyword;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan's structure, checked with the JSON Schema in {@code schemas/plan.schema.json} (packaged
 * with the engine). The generated per-type part of the schema is left out here: step parameters
 * are checked from the step types' descriptors, with better messages.
 */
public final class PlanSchema {
    private static final List<String> EDITOR_KEYWORDS = List.of("markdownDescription", "enumDescriptions",
            "markdownEnumDescriptions");
    static final String RESOURCE = "/io/stepwise/engine/schema/plan.schema.json";
    private static final Set<String> ALTERNATIVES = Set.of("type", "pattern", "anyOf", "oneOf", "const", "enum", "minimum");
    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchema schema;

    public PlanSchema() {
        ObjectNode document = (ObjectNode) baseDocument();
        // the generated parts are for editors; the validator checks the same with its own messages
        SchemaGenerator.GENERATED.forEach(name -> ((ObjectNode) document.get("$defs")).set(name, json.createObjectNode()));
        this.schema = factory().getSchema(document);
    }

    /** Draft 2020-12 with the annotations editors read (yaml-language-server), which validate nothing. */
    public static JsonSchemaFactory factory() {
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keywords(EDITOR_KEYWORDS.stream().map(NonValidationKeyword::new).map(k -> (Keyword) k).toList())
                .build();
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
                .metaSchema(meta).defaultMetaSchemaIri(meta.getIri()).build();
    }

    /** The committed schema document as packaged. */
    public static JsonNode baseDocument() {
        try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plan schema resource missing: " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Problem> check(PlanNode root) {
        JsonNode instance = json.valueToTree(root.toPlain());
        Set<ValidationMessage> messages = schema.validate(instance);
        Set<String> seen = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, List<ValidationMessage>> byLocation = new TreeMap<>();
        messages.forEach(m -> byLocation.computeIfAbsent(m.getInstanceLocation().toString(), k -> new ArrayList<>()).add(m));
        for (List<ValidationMessage> group : byLocation.values()) {
            List<ValidationMessage> alternatives = group.stream().filter(m -> ALTERNATIVES.contains(m.getType())).toList();
            if (alternatives.size() > 1) {
                ValidationMessage first = alternatives.get(0);
                Located located = locate(root, first.getInstanceLocation());
                String where = readable(root, pathText(first.getInstanceLocation()));
                problems.add(Problem.at(located.position, prefix(where) + describeAnyOf(where)));
                group = group.stream().filter(m -> !ALTERNATIVES.contains(m.getType())).toList();
            }
            for (ValidationMessage m : group) {
                Problem p = toProblem(root, m);
                if (seen.add(p.format())) {
                    problems.add(p);
                }
            }
        }
        return problems;
    }

    private Problem toProblem(PlanNode root, ValidationMessage m) {
        JsonNodePath path = m.getInstanceLocation();
        Located located = locate(root, path);
        String where = readable(root, pathText(path));
        String type = m.getType();
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        String property = m.getProperty();
        return switch (type) {
            case "required" -> Problem.at(located.position, prefix(where) + "missing required key '" + property + "'");
            case "additionalProperties", "unevaluatedProperties" -> {
                String key = property != null ? property : args.length > 0 ? String.valueOf(args[0]) : "?";
                Position pos = located.node instanceof PlanNode.Mapping map ? map.keyPosition(key) : located.position;
                yield Problem.at(pos, prefix(where) + "unknown key '" + key + "'", allowedKeysHint(m, key));
            }
            case "enum" -> Problem.at(located.position, prefix(where) + "must be one of " + args[0]);
            case "const" -> Problem.at(located.position, prefix(where) + "must be " + args[0]);
            case "type" -> Problem.at(located.position, prefix(where) + "must be " + article(String.valueOf(args.length > 1 ? args[1] : "?"))
                    + ", not " + article(String.valueOf(args.length > 0 ? args[0] : "?")));
            case "pattern" -> Problem.at(located.position, prefix(where) + patternMessage(where, located));
            case "minItems" -> Problem.at(located.position, prefix(where) + "must not be empty");
            case "minLength" -> Problem.at(located.position, prefix(where) + "must not be empty");
            case "minimum", "maximum" -> Problem.at(located.position, prefix(where) + m.getMessage().replaceFirst("^\\S+: ", ""));
            case "anyOf", "oneOf" -> Problem.at(located.position, prefix(where) + describeAnyOf(where));
            default -> Problem.at(located.position, m.getMessage().replaceFirst("^\\$\\S*: ", prefix(where)));
        };
    }

    /** {@code steps[2].retry} becomes {@code step 'backup': retry}. */
    private static String readable(PlanNode root, String where) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^steps\\[(\\d+)\\]\\.?(.*)$").matcher(where);
        if (!m.matches() || !(root instanceof PlanNode.Mapping top)) {
            return where;
        }
        int index = Integer.parseInt(m.group(1));
        String id = top.get("steps").filter(n -> n instanceof PlanNode.Sequence).map(n -> ((PlanNode.Sequence) n).items())
                .filter(items -> index < items.size()).map(items -> items.get(index))
                .filter(n -> n instanceof PlanNode.Mapping).flatMap(n -> ((PlanNode.Mapping) n).get("id"))
                .map(PlanNode::toPlain).map(String::valueOf).orElse("#" + (index + 1));
        return "step '" + id + "'" + (m.group(2).isEmpty() ? "" : ": " + m.group(2));
    }

    private static String prefix(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "array", "object" -> "an " + (type.equals("object") ? "mapping" : type.equals("array") ? "list" : type);
            case "null" -> "empty";
            default -> "a " + type;
        };
    }

    private static String describeAnyOf(String where) {
        if (where.endsWith("timeout") || where.endsWith("interval") || where.endsWith("delay")) {
            return "must be a duration such as 500ms, 3s, 2m or 1h";
        }
        if (where.endsWith("when")) {
            return "must be true, false or a ${...} expression";
        }
        if (where.endsWith("rollback")) {
            return "must be a step or a list of steps";
        }
        return "has the wrong shape";
    }

    private static String patternMessage(String where, Located located) {
        Object value = located.node instanceof PlanNode.Scalar s ? s.value() : null;
        if (where.endsWith(".id") || where.contains("inputs") || where.contains("capture") || where.contains("connections")) {
            return "'" + value + "' is not a valid name (use letters, digits and _, starting with a letter)";
        }
        if (where.endsWith("until")) {
            return "must be a ${...} expression";
        }
        return "'" + value + "' has the wrong format";
    }

    private String allowedKeysHint(ValidationMessage m, String key) {
        List<String> allowed = new ArrayList<>();
        String location = String.valueOf(m.getSchemaLocation());
        int hash = location.indexOf('#');
        if (hash >= 0) {
            String pointer = location.substring(hash + 1);
            pointer = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/'))) + "/properties";
            baseDocument().at(pointer).fieldNames().forEachRemaining(allowed::add);
        }
        if (allowed.isEmpty()) {
            return null;
        }
        return Suggestions.closest(key, allowed).map(s -> "did you mean '" + s + "'?")
                .orElse("allowed: " + String.join(", ", allowed));
    }

    private static String pathText(JsonNodePath path) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(element);
            }
        }
        return text.toString();
    }

    private record Located(PlanNode node, Position position) {
    }

    private static Located locate(PlanNode root, JsonNodePath path) {
        PlanNode current = root;
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            PlanNode next = null;
            if (current instanceof PlanNode.Mapping map && !(element instanceof Integer)) {
                next = map.entries().get(String.valueOf(element));
            } else if (current instanceof PlanNode.Sequence seq && element instanceof Integer index
                    && index < seq.items().size()) {
                next = seq.items().get(index);
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return new Located(current, current.position());
    }
}
