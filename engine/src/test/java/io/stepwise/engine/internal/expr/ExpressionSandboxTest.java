package io.stepwise.engine.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.internal.expr.Deferred;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpressionSandboxTest {
    private final ExpressionEngine engine = new ExpressionEngine();
    private final Map<String, Object> scope = new HashMap<>(Map.of(
            "inputs", Map.of("name", "primary", "port", 4000L),
            "steps", Map.of("backup", Map.of("backup_ts", 450000000000000001L, "rows", List.of(Map.of("n", 3L)))),
            "sql", new SqlHelper()));

    private Object eval(String expression) {
        return engine.evaluate(expression, scope, v -> false).value();
    }

    @Test
    void plainExpressionsWork() {
        assertThat(eval("inputs.port + 1")).isEqualTo(4001L);
        assertThat(eval("inputs.name.toUpperCase()")).isEqualTo("PRIMARY");
        assertThat(eval("steps.backup.rows[0].n >= 3 ? 'ok' : 'no'")).isEqualTo("ok");
        assertThat(eval("size(steps.backup.rows)")).isEqualTo(1);
        assertThat(eval("inputs.name =~ 'pri.*'")).isEqualTo(true);
        assertThat(eval("sql.ident('a`b')")).isEqualTo(new SqlFragment("`a``b`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "''.getClass()",
        "inputs.name.getClass().forName('java.lang.Runtime')",
        "inputs.name.class",
        "new('java.io.File', '/')",
        "java.lang.System.exit(0)",
        "System.getenv()",
        "Runtime.getRuntime().exec('id')",
        "inputs.name = 'x'",
        "var x = 1",
        "for (x : [1, 2]) { x }",
        "x -> x",
        "function(x) { x }",
        "#pragma jexl.import java.lang\n1",
        "steps.backup.put('x', 1)",
        "inputs.clear()",
        "''.class.forName('java.lang.Runtime')",
        "Math.max(1, 2)",
        "sql.getClass()"
    })
    void sandboxEscapesFail(String expression) {
        assertThatThrownBy(() -> eval(expression)).isInstanceOf(ExpressionException.class);
    }

    @Test
    void valuesInScopeAreDataAndAreNeverEvaluatedAgain() {
        scope.put("inputs", Map.of("name", "${inputs.port}", "evil", "''.getClass()"));
        assertThat(eval("inputs.name")).isEqualTo("${inputs.port}");
        assertThat(eval("inputs.evil")).isEqualTo("''.getClass()");
    }

    @Test
    void aDeferredValueMakesTheWholeExpressionDeferred() {
        scope.put("steps", Map.of("backup", Map.of("backup_ts", new Deferred("steps.backup.backup_ts"))));
        assertThat(eval("steps.backup.backup_ts")).isEqualTo(new Deferred("steps.backup.backup_ts"));
        assertThat(eval("steps.backup.backup_ts > 5")).isEqualTo(new Deferred("steps.backup.backup_ts > 5"));
    }

    @Test
    void aValueReadFromASecretIsReportedSecret() {
        ExpressionEngine.Evaluation e = engine.evaluate("inputs.name.toUpperCase()", scope, v -> "primary".equals(v));
        assertThat(e.secret()).isTrue();
        assertThat(e.value()).isEqualTo("PRIMARY");
    }
}
