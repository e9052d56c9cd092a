package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.ValidationMessage;
import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.Engine;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.internal.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code schemas/plan.schema.json} as an editor reads it: accepting an example inserts a valid
 * value, every key and step type explains itself on hover, and the schema rejects (and accepts) what
 * {@code stepwise validate} rejects (and accepts).
 */
class EditorSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Engine ENGINE = Stepwise.engine();
    private static final JsonNode DOCUMENT = read();
    private static final JsonSchema SCHEMA = factory().getSchema(DOCUMENT);

    @TempDir
    Path dir;

    private static JsonNode read() {
        try {
            return JSON.readTree(Files.readString(StepwiseProcess.REPO.resolve("schemas/plan.schema.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonSchemaFactory factory() {
        return io.stepwise.engine.internal.PlanSchema.factory();
    }

    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new YamlLoader().parse(text, "plan.yaml").toPlain());
    }

    /** The schema of one pointer in the document, with the document's $defs in reach. */
    private static JsonSchema at(String pointer) {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("$schema", DOCUMENT.get("$schema").asText());
        wrapper.set("$defs", DOCUMENT.get("$defs"));
        wrapper.put("$ref", "#" + pointer);
        return factory().getSchema(wrapper);
    }

    @Test
    void everyExampleIsAValueItsParameterAccepts() {
        JsonNode rules = DOCUMENT.at("/$defs/stepTypes/allOf");
        int examples = 0;
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String type = rules.get(i).at("/if/properties/type/const").asText();
            List<String> places = new ArrayList<>(List.of("/$defs/stepTypes/allOf/" + i + "/then/properties/with/properties"));
            JsonNode perAction = rules.get(i).at("/then/properties/with/allOf");
            for (int a = 0; a < perAction.size(); a++) {
                if (perAction.get(a).at("/then/properties").isObject()) {
                    places.add("/$defs/stepTypes/allOf/" + i + "/then/properties/with/allOf/" + a + "/then/properties");
                }
            }
            for (String place : places) {
            JsonNode params = DOCUMENT.at(place);
            for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String pointer = place + "/" + name;
                JsonSchema schema = at(pointer);
                for (JsonNode example : params.get(name).path("examples")) {
                    examples++;
                    Set<ValidationMessage> problems = schema.validate(example);
                    if (!problems.isEmpty()) {
                        rejected.add(type + "." + name + " = " + example + ": " + problems);
                    }
                    String literalType = params.get(name).at("/anyOf/0/type").asText("");
                    if (!literalType.isEmpty() && !literalType.equals("string")) {
                        assertThat(example.isTextual() && !example.asText().contains("${"))
                                .as(type + "." + name + " example " + example + " is YAML text in a string").isFalse();
                    }
                }
                if (params.get(name).path("description").asText().contains("connections:")) {
                    assertThat(params.get(name).has("examples")).as(type + "." + name + ": a connection has no example")
                            .isFalse();
                }
            }
            }
        }
        assertThat(examples).isGreaterThan(150);
        assertThat(rejected).isEmpty();
    }

    @Test
    void everyKeyAndStepTypeHasADescriptionForHover() {
        List<String> missing = new ArrayList<>();
        walk(DOCUMENT, "", missing);
        assertThat(missing).isEmpty();
        JsonNode type = DOCUMENT.at("/$defs/stepTypes/properties/type");
        assertThat(type.get("enum")).hasSizeGreaterThan(20);
        assertThat(type.get("markdownEnumDescriptions")).hasSameSizeAs(type.get("enum"));
        assertThat(type.get("enumDescriptions")).allSatisfy(d -> assertThat(d.asText()).isNotBlank());
        for (String key : List.of("retry", "timeout", "description", "type", "with", "when", "until")) {
            assertThat(DOCUMENT.at("/$defs/step/properties/" + key + "/markdownDescription").asText()).as(key).isNotBlank();
        }
    }

    private static void walk(JsonNode node, String path, List<String> missing) {
        if (!node.isObject()) {
            return;
        }
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject()) {
            properties.fields().forEachRemaining(e -> {
                JsonNode schema = e.getValue();
                // a condition in an if: ({const: x} or {enum: [...]}) only tests the key; its description is elsewhere
                if (schema.isObject() && !(schema.size() == 1 && (schema.has("const") || schema.has("enum")))) {
                    if (!schema.has("description") || !schema.has("markdownDescription")) {
                        missing.add(path + "/properties/" + e.getKey());
                    }
                }
            });
        }
        node.fields().forEachRemaining(e -> {
            if (!Set.of("examples", "default", "const", "enum").contains(e.getKey())) {
                if (e.getValue().isArray()) {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        walk(e.getValue().get(i), path + "/" + e.getKey() + "/" + i, missing);
                    }
                } else {
                    walk(e.getValue(), path + "/" + e.getKey(), missing);
                }
            }
        });
    }

    static Stream<Path> plans() throws IOException {
        return DryRunGoldenTest.plans();
    }

    @ParameterizedTest
    @MethodSource("plans")
    void theCommittedPlansAreValidInAnEditor(Path plan) throws IOException {
        assertThat(SCHEMA.validate(yaml(Files.readString(plan)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sleep without with                 | false | '- {id: a, type: sleep}'",
        "sleep with its duration            | true  | '- {id: a, type: sleep, with: {duration: 1s}}'",
        "exec with command and script       | false | '- {id: a, type: exec, with: {command: [\"true\"], script: \"true\"}}'",
        "exec with neither                  | false | '- {id: a, type: exec, with: {cwd: /tmp}}'",
        "exec without with                  | false | '- {id: a, type: exec}'",
        "exec with a command                | true  | '- {id: a, type: exec, with: {command: [\"true\"]}}'",
        "exec with a script                 | true  | '- {id: a, type: exec, with: {script: \"true\"}}'",
        "sql with query and statements      | false | '- {id: a, type: sql, with: {connection: db, query: SELECT 1, statements: [SELECT 2]}}'",
        "sql with a query                   | true  | '- {id: a, type: sql, with: {connection: db, query: SELECT 1}}'",
        "diff chunk_size 1 and 500 threads  | false | '- {id: a, type: diff, with: {source: db, target: db2, tables: [t.*], chunk_size: 1, threads: 500}}'",
        "diff within its bounds             | true  | '- {id: a, type: diff, with: {source: db, target: db2, tables: [t.*], chunk_size: 2, threads: 64}}'",
        "a parameter of another action      | false | '- {id: a, type: workload, with: {connection: db, action: prepare, fail_on_mismatch: false}}'",
        "a parameter of its action          | true  | '- {id: a, type: workload, with: {connection: db, action: check, fail_on_mismatch: false}}'",
        "an action known only at run time   | true  | '- {id: a, type: workload, with: {connection: db, action: \"${env.ACTION}\", duration: 1s}}'",
        "an action without its required one | false | '- {id: a, type: mariadb.local, with: {action: start}}'",
        "an action with its required one    | true  | '- {id: a, type: mariadb.local, with: {action: start, port: 3307}}'",
    })
    void theSchemaAndTheCliAgreeOnSteps(String name, boolean valid, String step) throws IOException {
        String plan = """
                name: t
                connections:
                  db: {type: mysql, host: 127.0.0.1, port: 3306, user: root}
                  db2: {type: mysql, host: 127.0.0.1, port: 3307, user: root}
                steps:
                  %s
                """.formatted(step);
        assertAgree(plan, valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "integer default                 | true  | '{type: integer, default: 3306}'",
        "integer default as digits       | true  | '{type: integer, default: \"3306\"}'",
        "integer default not a number    | false | '{type: integer, default: many}'",
        "boolean default                 | true  | '{type: boolean, default: false}'",
        "boolean default yes             | false | '{type: boolean, default: \"yes\"}'",
        "number default                  | true  | '{type: number, default: 2.5}'",
        "number default not a number     | false | '{type: number, default: lots}'",
        "duration default                | true  | '{type: duration, default: 1m30s}'",
        "duration default not a duration | false | '{type: duration, default: soon}'",
        "string default                  | true  | '{type: string, default: anything}'",
    })
    void theSchemaAndTheCliAgreeOnInputDefaults(String name, boolean valid, String input) throws IOException {
        String plan = """
                name: t
                inputs:
                  x: %s
                steps:
                  - {id: a, type: log, with: {message: hi}}
                """.formatted(input);
        assertAgree(plan, valid);
    }

    private void assertAgree(String plan, boolean valid) throws IOException {
        Path file = Files.writeString(dir.resolve("plan.yaml"), plan);
        List<Problem> cli = ENGINE.validate(file, Map.of());
        Set<ValidationMessage> editor = SCHEMA.validate(yaml(plan));
        assertThat(cli.isEmpty()).as("stepwise validate: " + cli).isEqualTo(valid);
        assertThat(editor.isEmpty()).as("the schema: " + editor).isEqualTo(valid);
    }
}
