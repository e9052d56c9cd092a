package io.stepwise.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.StepType;
import java.util.List;

/**
 * Writes the plan schema with the registered step types: the committed structure with
 * {@code $defs.stepTypes} filled from the types' parameter descriptors and {@code $defs.inputDefault}
 * typing an input's default by its {@code type}. Every description is also given as
 * {@code markdownDescription}, which editors (yaml-language-server) prefer on hover.
 */
final class SchemaGenerator {
    /** The {@code $defs} this class writes; the validator leaves them out and checks the same itself. */
    static final List<String> GENERATED = List.of("stepTypes", "inputDefault");
    /** Keywords whose contents are plan values, not schemas. */
    private static final java.util.Set<String> VALUES = java.util.Set.of("examples", "default", "const", "enum");
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final StepRegistry registry;

    SchemaGenerator(StepRegistry registry) {
        this.registry = registry;
    }

    String generate() {
        ObjectNode document = (ObjectNode) PlanSchema.baseDocument();
        ObjectNode defs = (ObjectNode) document.get("$defs");
        defs.set("stepTypes", stepTypes());
        defs.set("inputDefault", inputDefault());
        markdown(document);
        try {
            return json.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code markdownDescription} beside every {@code description} that has none. */
    private static void markdown(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode description = object.get("description");
            if (description != null && description.isTextual() && !object.has("markdownDescription")) {
                object.put("markdownDescription", description.asText());
            }
            object.fields().forEachRemaining(e -> {
                if (e.getKey().equals("properties") && e.getValue().isObject()) {
                    e.getValue().forEach(SchemaGenerator::markdown); // names of keys, each a schema
                } else if (!VALUES.contains(e.getKey())) {
                    markdown(e.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(SchemaGenerator::markdown);
        }
    }

    ObjectNode stepTypes() {
        ObjectNode node = json.createObjectNode();
        node.put("description", "Generated from the registered step types (./stepwise schema); do not edit by hand.");
        ObjectNode typeNode = node.putObject("properties").putObject("type");
        typeNode.put("description", "The step type; each sets the parameters with: takes (stepwise steps <type>).");
        ArrayNode names = typeNode.putArray("enum");
        ArrayNode descriptions = typeNode.putArray("enumDescriptions");
        ArrayNode markdown = typeNode.putArray("markdownEnumDescriptions");
        for (StepType<?> type : registry.all()) {
            names.add(type.name());
            descriptions.add(type.description());
            markdown.add("**" + type.name() + "**: " + type.description() + "\n\n`stepwise steps " + type.name()
                    + "` lists its parameters and outputs.");
        }
        ArrayNode all = node.putArray("allOf");
        for (StepType<?> type : registry.all()) {
            all.add(rule(type));
        }
        return node;
    }

    private ObjectNode rule(StepType<?> type) {
        ObjectNode rule = json.createObjectNode();
        ObjectNode condition = rule.putObject("if");
        condition.putObject("properties").putObject("type").put("const", type.name());
        condition.putArray("required").add("type");
        ObjectNode then = rule.putObject("then");
        then.putObject("properties").putObject("type").put("description", type.name() + ": " + type.description());
        ObjectNode with = ((ObjectNode) then.get("properties")).putObject("with");
        with.put("description", "The parameters of " + type.name() + ": " + type.description());
        with.put("type", "object");
        List<String> actions = actions(type);
        ObjectNode properties = with.putObject("properties");
        ArrayNode required = json.createArrayNode();
        for (Param<?> d : type.parameters()) {
            if (actions.isEmpty() || d.actions().isEmpty()) {
                properties.set(d.name(), param(d));
                if (d.isRequired()) {
                    required.add(d.name());
                }
            }
        }
        if (!required.isEmpty()) {
            with.set("required", required);
        }
        List<List<String>> groups = type.exactlyOneOf();
        boolean anyRequired = type.parameters().stream().anyMatch(Param::isRequired);
        if (anyRequired || !groups.isEmpty()) {
            then.putArray("required").add("with");
        }
        ArrayNode allOf = json.createArrayNode();
        for (List<String> group : groups) {
            ArrayNode oneOf = allOf.addObject().putArray("oneOf");
            group.forEach(name -> oneOf.addObject().putArray("required").add(name));
        }
        if (actions.isEmpty()) {
            with.put("additionalProperties", false);
        } else {
            actions.forEach(action -> allOf.add(forAction(type, action)));
            allOf.add(forUnknownAction(type, actions));
            with.put("unevaluatedProperties", false);
        }
        if (!allOf.isEmpty()) {
            with.set("allOf", allOf);
        }
        return rule;
    }

    /** The values of the type's action parameter, when some parameters belong to some actions only. */
    private static List<String> actions(StepType<?> type) {
        boolean perAction = type.parameters().stream().anyMatch(p -> !p.actions().isEmpty());
        return ParamRules.actionOf(type).filter(p -> perAction).map(Param::allowedValues).orElse(List.of());
    }

    /** With {@code action: X}, the parameters of X (and those required for it), so an editor offers only those. */
    private ObjectNode forAction(StepType<?> type, String action) {
        ObjectNode rule = json.createObjectNode();
        ObjectNode condition = rule.putObject("if");
        condition.putObject("properties").putObject(Param.ACTION).put("const", action);
        condition.putArray("required").add(Param.ACTION);
        ObjectNode then = rule.putObject("then");
        ObjectNode properties = then.putObject("properties");
        ArrayNode required = json.createArrayNode();
        for (Param<?> d : type.parameters()) {
            if (!d.actions().isEmpty() && d.appliesTo(action)) {
                properties.set(d.name(), param(d));
                if (d.isRequired()) {
                    required.add(d.name());
                }
            }
        }
        if (!required.isEmpty()) {
            then.set("required", required);
        }
        return rule;
    }

    /** With the action an expression (known only at run time), every action's parameters are allowed. */
    private ObjectNode forUnknownAction(StepType<?> type, List<String> actions) {
        ObjectNode rule = json.createObjectNode();
        ObjectNode condition = rule.putObject("if");
        ArrayNode known = condition.putObject("properties").putObject(Param.ACTION).putArray("enum");
        actions.forEach(known::add);
        condition.putArray("required").add(Param.ACTION);
        ObjectNode otherwise = rule.putObject("else").putObject("properties");
        type.parameters().stream().filter(d -> !d.actions().isEmpty()).forEach(d -> otherwise.set(d.name(), param(d)));
        return rule;
    }

    private JsonNode param(Param<?> d) {
        ObjectNode schema = json.createObjectNode();
        String description = d.description() + (d.isSecret() ? " (secret)" : "")
                + (d.type() == ParamType.CONNECTION ? " The name of one of the plan's connections:"
                        + (d.allowedValues().isEmpty() ? "." : " of type " + String.join(" or ", d.allowedValues()) + ".") : "");
        schema.put("description", description);
        d.defaultValue().ifPresent(v -> schema.set("default", json.valueToTree(Examples.asJson(v))));
        if (d.type() != ParamType.CONNECTION) {
            // a connection's name depends on the plan; an example would complete to a name the plan may not declare
            d.example().ifPresent(e -> schema.putArray("examples").add(json.valueToTree(Examples.asJson(e))));
        }
        ObjectNode literal = json.createObjectNode();
        if (d.type() == ParamType.STEP) {
            literal.put("type", "object");
            literal.putArray("required").add("type");
        } else if (d.type().jsonType() != null) {
            literal.put("type", d.type().jsonType());
        }
        if (d.type() == ParamType.STRING_LIST || d.type() == ParamType.SQL_LIST) {
            literal.putObject("items").put("type", "string");
        }
        if (!d.allowedValues().isEmpty() && d.type() != ParamType.CONNECTION) {
            ArrayNode values = literal.putArray("enum");
            d.allowedValues().forEach(values::add);
        }
        if (d.type() == ParamType.INTEGER || d.type() == ParamType.NUMBER) {
            d.min().ifPresent(v -> literal.set("minimum", json.valueToTree(v)));
            d.max().ifPresent(v -> literal.set("maximum", json.valueToTree(v)));
        }
        if (d.type() == ParamType.DURATION) {
            schema.put("$ref", "#/$defs/duration");
            return schema;
        }
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.add(literal);
        anyOf.addObject().put("$ref", "#/$defs/expression");
        return schema;
    }

    /** An input's default must fit its type the way the run converts it (a whole number, true/false, a duration). */
    ObjectNode inputDefault() {
        ObjectNode node = json.createObjectNode();
        node.put("description", "Generated (./stepwise schema): an input's default typed by its type.");
        ArrayNode all = node.putArray("allOf");
        typed(all, "integer", json.createObjectNode().put("description", "A whole number (or its digits as text).")
                .set("anyOf", json.createArrayNode().add(json.createObjectNode().put("type", "integer"))
                        .add(json.createObjectNode().put("type", "string").put("pattern", "^\\s*[-+]?[0-9]+\\s*$"))));
        typed(all, "number", json.createObjectNode().put("description", "A number (or its digits as text).")
                .set("anyOf", json.createArrayNode().add(json.createObjectNode().put("type", "number"))
                        .add(json.createObjectNode().put("type", "string")
                                .put("pattern", "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$"))));
        typed(all, "boolean", json.createObjectNode().put("description", "true or false.")
                .set("anyOf", json.createArrayNode().add(json.createObjectNode().put("type", "boolean"))
                        .add(json.createObjectNode().put("type", "string").put("pattern", "^\\s*([tT][rR][uU][eE]|[fF][aA][lL][sS][eE])\\s*$"))));
        typed(all, "duration", json.createObjectNode().put("description", "A duration: 500ms, 3s, 2m, 1m30s.")
                .put("$ref", "#/$defs/duration"));
        return node;
    }

    private void typed(ArrayNode all, String type, ObjectNode defaultSchema) {
        ObjectNode rule = all.addObject();
        ObjectNode condition = rule.putObject("if");
        condition.putObject("properties").putObject("type").put("const", type);
        condition.putArray("required").add("type");
        rule.putObject("then").putObject("properties").set("default", defaultSchema);
    }
}
