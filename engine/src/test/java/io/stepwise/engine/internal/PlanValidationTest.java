package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanValidationTest {
    @TempDir
    Path dir;

    private final DefaultEngine engine = new DefaultEngine(FakeSteps.registry());

    private List<String> problems(String yaml) {
        Path plan = PlanFiles.write(dir, "plan.yaml", yaml);
        return engine.validate(plan, Map.of()).stream().map(Problem::format)
                .map(s -> s.replace(plan.toString(), "plan.yaml")).toList();
    }

    @Test
    void aValidPlanHasNoProblems() {
        assertThat(problems("""
                name: ok
                inputs:
                  who: {type: string, default: world}
                steps:
                  - id: first
                    type: echo
                    with: {value: "hello ${inputs.who}"}
                    capture: {greeting: "${result.value}"}
                  - id: second
                    type: echo
                    with: {value: "${steps.first.greeting}"}
                    when: "${steps.first.value != ''}"
                """)).isEmpty();
    }

    @Test
    void duplicateKeysAreReportedWithTheirPosition() {
        assertThat(problems("""
                name: dup
                steps:
                  - id: a
                    type: echo
                    type: echo
                """)).singleElement().asString().startsWith("plan.yaml:5:5: duplicate key 'type'");
    }

    @Test
    void aliasesAreRejected() {
        assertThat(problems("""
                name: alias
                steps:
                  - &s {id: a, type: echo}
                  - *s
                """)).anySatisfy(p -> assertThat(p).contains("anchors and aliases are not allowed"));
    }

    @Test
    void aBillionLaughsDocumentIsRejectedQuickly() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        long start = System.nanoTime();
        List<String> found = problems(yaml.toString());
        assertThat(found).isNotEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void everyProblemIsReportedTogetherWithLineAndColumn() {
        List<String> found = problems("""
                name: many
                inputs:
                  port: {type: integer, default: 3306}
                steps:
                  - id: a
                    type: ecoh
                  - id: b
                    type: echo
                    with: {valeu: 1}
                  - id: c
                    type: echo
                    with: {value: "${inputs.prot}"}
                  - id: d
                    type: echo
                    with: {value: "${steps.e.value}"}
                  - id: e
                    type: echo
                    with: {value: "${steps.b.nothing}"}
                  - id: e
                    type: echo
                    timeout: soon
                """);
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("plan.yaml:5:5: step 'a' (ecoh): unknown step type 'ecoh'")
                .contains("did you mean 'echo'?"));
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("plan.yaml:9:12: step 'b' (echo): unknown parameter 'valeu'")
                .contains("did you mean 'value'?"));
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("plan.yaml:12:19: step 'c' (echo): unknown input 'prot'")
                .contains("did you mean 'port'?"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'd' (echo): ${steps.e.value} refers to step 'e', which runs later"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'e' (echo): step 'b' has no output or capture 'nothing'"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("duplicate step id 'e'"));
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("plan.yaml:21:14:").contains("duration"));
    }

    @Test
    void schemaShapeErrorsNameTheKeyAndSuggest() {
        List<String> found = problems("""
                name: shape
                steps:
                  - id: a
                    type: echo
                    retyr: {attempts: 2}
                """);
        assertThat(found).singleElement().asString().startsWith("plan.yaml:5:5:").contains("unknown key 'retyr'")
                .contains("did you mean 'retry'?");
    }

    @Test
    void missingRequiredKeysAndParametersAreReported() {
        List<String> found = problems("""
                steps:
                  - id: a
                    type: mark
                    with: {file: x}
                """);
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("plan.yaml:1:1:").contains("missing required key 'name'"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'a' (mark): missing required parameter 'text'"));
    }

    @Test
    void literalParameterValuesAreTypeChecked() {
        List<String> found = problems("""
                name: types
                steps:
                  - id: a
                    type: flaky
                    with: {counter: c, succeed_on: many}
                """);
        assertThat(found).singleElement().asString().startsWith("plan.yaml:5:36:")
                .contains("'succeed_on' must be a whole number");
    }

    @Test
    void expressionSyntaxAndForbiddenConstructsAreErrors() {
        List<String> found = problems("""
                name: expr
                steps:
                  - id: a
                    type: echo
                    with: {value: "${1 +}"}
                  - id: b
                    type: echo
                    with: {value: "${new('java.io.File', '/')}"}
                  - id: c
                    type: echo
                    with: {value: "${result.value}"}
                  - id: d
                    type: echo
                    with: {value: "${unclosed"}
                """);
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'a'").contains("cannot parse"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'b'").contains("not allowed"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'c'").contains("only available in capture"));
        assertThat(found).anySatisfy(p -> assertThat(p).contains("step 'd'").contains("unclosed ${"));
    }

    @Test
    void aStepCannotReadItsOwnValuesOutsideCapture() {
        assertThat(problems("""
                name: self
                steps:
                  - id: a
                    type: echo
                    with: {value: "${steps.a.value}"}
                """)).singleElement().asString().contains("refers to the step itself");
    }

    @Test
    void givenARequiredInputWithoutAValue_whenValidated_thenItIsAProblemUnlessMissingInputsAreAllowed() {
        // given: the shape of plans/examples/resume.yaml
        Path plan = PlanFiles.write(dir, "resume.yaml", """
                name: resume
                inputs:
                  marker: {type: string, required: true}
                  label: {type: string, required: true, default: x}
                steps: [{id: a, type: echo, with: {value: "${inputs.marker}"}}]
                """);

        // when / then
        assertThat(engine.validate(plan, Map.of())).singleElement().satisfies(p -> assertThat(p.format())
                .contains("resume.yaml:3:").contains("missing required input 'marker'").contains("pass --set marker=..."));
        assertThat(engine.validate(plan, Map.of("marker", "/tmp/m"))).isEmpty();
        assertThat(engine.validate(plan, Map.of(), false)).isEmpty();
    }

    @Test
    void unknownInputsGivenOnTheCommandLineAreReported() {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: in
                inputs: {host: {type: string}}
                steps: [{id: a, type: echo}]
                """);
        assertThat(engine.validate(plan, Map.of("hots", "x"))).singleElement()
                .satisfies(p -> assertThat(p.format()).contains("--set hots").contains("did you mean 'host'?"));
    }

    @Test
    void anEmptyFileAndBadYamlAreOneClearLine() {
        assertThat(problems("")).singleElement().asString().contains("the plan file is empty");
        assertThat(problems("name: x\nsteps:\n  - id: a\n   type: echo\n")).singleElement().asString()
                .startsWith("plan.yaml:4:").contains("invalid YAML");
    }
}
