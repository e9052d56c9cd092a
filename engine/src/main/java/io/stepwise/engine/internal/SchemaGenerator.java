package io.stepwise.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.StepType;

/**
 * Writes the plan schema with the registered step types: the committed structure with
 * {@code $defs.stepTypes} filled from the types' parameter descriptors.
 */
final class SchemaGenerator {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final StepRegistry registry;

    SchemaGenerator(StepRegistry registry) {
        this.registry = registry;
    }

    String generate() {
        ObjectNode document = (ObjectNode) PlanSchema.baseDocument();
        ((ObjectNode) document.get("$defs")).set("stepTypes", stepTypes());
        try {
            return json.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode stepTypes() {
        ObjectNode node = json.createObjectNode();
        node.put("description", "Generated from the registered step types (./stepwise schema); do not edit by hand.");
        ArrayNode names = node.putObject("properties").putObject("type").putArray("enum");
        registry.names().forEach(names::add);
        ArrayNode all = node.putArray("allOf");
        for (StepType<?> type : registry.all()) {
            ObjectNode rule = all.addObject();
            rule.putObject("if").putObject("properties").putObject("type").put("const", type.name());
            ObjectNode with = rule.putObject("then").putObject("properties").putObject("with");
            with.put("description", type.description());
            with.put("type", "object");
            with.put("additionalProperties", false);
            ObjectNode properties = with.putObject("properties");
            ArrayNode required = json.createArrayNode();
            for (ParamDescriptor d : type.parameters()) {
                properties.set(d.name(), param(d));
                if (d.required()) {
                    required.add(d.name());
                }
            }
            if (!required.isEmpty()) {
                with.set("required", required);
            }
        }
        return node;
    }

    private JsonNode param(ParamDescriptor d) {
        ObjectNode schema = json.createObjectNode();
        schema.put("description", d.description() + (d.secret() ? " (secret)" : ""));
        d.defaultValue().ifPresent(v -> schema.set("default", json.valueToTree(v)));
        d.example().ifPresent(e -> schema.putArray("examples").add(e));
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
        if (!d.allowedValues().isEmpty()) {
            ArrayNode values = literal.putArray("enum");
            d.allowedValues().forEach(values::add);
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
}
