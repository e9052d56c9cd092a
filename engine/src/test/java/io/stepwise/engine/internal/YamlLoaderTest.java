package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans are read with YAML 1.2 core schema semantics, as editors and JSON tools read them. */
class YamlLoaderTest {
    private final YamlLoader loader = new YamlLoader();

    @SuppressWarnings("unchecked")
    private Map<String, Object> plain(String yaml) {
        return (Map<String, Object>) loader.parse(yaml, "plan.yaml").toPlain();
    }

    @Test
    void leadingZerosAreDecimalAndOctalNeedsItsPrefix() {
        Map<String, Object> values = plain("""
                duration: 010
                octal: 0o10
                hex: 0x1F
                signed: +12
                negative: -007
                grouped: 1_000
                """);

        assertThat(values).containsEntry("duration", 10L).containsEntry("octal", 8L).containsEntry("hex", 31L)
                .containsEntry("signed", 12L).containsEntry("negative", -7L)
                .containsEntry("grouped", "1_000");
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        Map<String, Object> values = plain("""
                a: no
                b: off
                c: y
                d: yes
                e: On
                f: N
                g: True
                h: FALSE
                i: true
                """);

        assertThat(values).containsEntry("a", "no").containsEntry("b", "off").containsEntry("c", "y")
                .containsEntry("d", "yes").containsEntry("e", "On").containsEntry("f", "N")
                .containsEntry("g", true).containsEntry("h", false).containsEntry("i", true);
    }

    @Test
    void floatsNullsAndDatesFollowTheCoreSchema() {
        Map<String, Object> values = plain("""
                a: 1e3
                b: 12.50
                c: .inf
                d: -.Inf
                e: .NaN
                f: ~
                g: null
                h: 2001-12-14
                i: 12:30:00
                j:
                """);

        assertThat(values).containsEntry("a", 1000.0).containsEntry("b", 12.5)
                .containsEntry("c", Double.POSITIVE_INFINITY).containsEntry("d", Double.NEGATIVE_INFINITY)
                .containsEntry("f", null).containsEntry("g", null).containsEntry("j", null)
                .containsEntry("h", "2001-12-14").containsEntry("i", "12:30:00");
        assertThat((Double) values.get("e")).isNaN();
    }

    @Test
    void everyNodeKeepsItsLineAndColumn() {
        PlanNode.Mapping root = (PlanNode.Mapping) loader.parse("""
                name: x
                steps:
                  - id: a
                    with: {duration: 010}
                """, "plan.yaml");

        PlanNode.Mapping step = (PlanNode.Mapping) ((PlanNode.Sequence) root.entries().get("steps")).items().get(0);
        PlanNode.Mapping with = (PlanNode.Mapping) step.entries().get("with");
        assertThat(with.keyPosition("duration")).isEqualTo(new Position("plan.yaml", 4, 12));
        assertThat(with.entries().get("duration").position()).isEqualTo(new Position("plan.yaml", 4, 22));
        assertThat(with.entries().get("duration").toPlain()).isEqualTo(10L);
    }

    @Test
    void aDocumentNestedTooDeeplyIsOneProblemWithItsPosition() {
        String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

        assertThatThrownBy(() -> loader.parse(deep, "plan.yaml")).isInstanceOf(InvalidPlanException.class)
                .satisfies(e -> assertThat(((InvalidPlanException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.format()).startsWith("plan.yaml:1:").contains("nested more than 64")));
    }

    @Test
    void explicitTagsOtherThanTheCoreOnesAreRefused() {
        assertThatThrownBy(() -> loader.parse("a: !!binary aGk=\nb: !custom x\n", "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .satisfies(e -> assertThat(((InvalidPlanException) e).problems()).hasSize(2)
                        .allSatisfy(p -> assertThat(p.message()).contains("is not allowed in plans")));
    }
}
