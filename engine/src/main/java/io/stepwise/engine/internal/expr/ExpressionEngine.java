package io.stepwise.engine.internal.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;

/**
 * Compiles and evaluates plan expressions with Apache JEXL, sandboxed: no {@code new}, no loops,
 * no assignments, no lambdas, no pragmas, no class or reflection access, no static calls.
 * Values found in scope are data: a string value is never evaluated again as an expression.
 */
public final class ExpressionEngine {
    private final JexlEngine jexl;
    private final Map<String, JexlScript> cache = new ConcurrentHashMap<>();

    public ExpressionEngine() {
        JexlFeatures features = new JexlFeatures()
                .newInstance(false)
                .loops(false)
                .lambda(false)
                .thinArrow(false)
                .fatArrow(false)
                .sideEffect(false)
                .sideEffectGlobal(false)
                .localVar(false)
                .pragma(false)
                .namespacePragma(false)
                .importPragma(false)
                .annotation(false)
                .register(false)
                .methodCall(true)
                .structuredLiteral(true);
        this.jexl = new JexlBuilder()
                .features(features)
                .permissions(new SandboxPermissions())
                .strict(true)
                .safe(false)
                .silent(false)
                .antish(false)
                .cancellable(true)
                .create();
    }

    /** Parses an expression; throws {@link ExpressionException} with a readable message. */
    public JexlScript compile(String expression) {
        JexlScript cached = cache.get(expression);
        if (cached != null) {
            return cached;
        }
        try {
            JexlScript script = jexl.createScript(expression);
            cache.put(expression, script);
            return script;
        } catch (JexlException e) {
            throw new ExpressionException(expression, "cannot parse ${" + expression + "}: " + reason(e), e);
        }
    }

    /** The variable paths an expression reads, such as {@code [steps, backup, backup_ts]}. */
    public List<List<String>> references(String expression) {
        List<List<String>> paths = new ArrayList<>();
        for (List<String> path : compile(expression).getVariables()) {
            paths.add(List.copyOf(path));
        }
        return paths;
    }

    /**
     * Evaluates over the given top-level names. When a value it reads is {@link Deferred} (dry-run),
     * the result is deferred too; when a value it reads is secret, the result is reported secret.
     */
    public Evaluation evaluate(String expression, Map<String, Object> scope, Predicate<Object> isSecret) {
        JexlScript script = compile(expression);
        boolean secret = false;
        Deferred deferred = null;
        Set<List<String>> variables = script.getVariables();
        for (List<String> path : variables) {
            Object value = resolve(scope, path);
            if (value instanceof Deferred d) {
                deferred = variables.size() == 1 && String.join(".", path).equals(expression.replace(" ", ""))
                        ? d : new Deferred(expression.trim());
            }
            if (value != null && isSecret.test(value)) {
                secret = true;
            }
        }
        if (deferred != null) {
            return new Evaluation(deferred, secret);
        }
        try {
            JexlContext context = new MapContext(new java.util.HashMap<>(scope));
            Object value = script.execute(context);
            if (value instanceof Deferred) {
                return new Evaluation(value, secret);
            }
            return new Evaluation(value, secret);
        } catch (JexlException e) {
            throw new ExpressionException(expression, "${" + expression + "}: " + reason(e), e);
        } catch (RuntimeException e) {
            throw new ExpressionException(expression, "${" + expression + "}: " + e.getMessage(), e);
        }
    }

    /** The value at a path in nested maps and lists, or null. */
    public static Object resolve(Map<String, Object> scope, List<String> path) {
        Object current = scope;
        for (String part : path) {
            if (current instanceof Deferred) {
                return current;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.matches("\\d+")) {
                int index = Integer.parseInt(part);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    static String reason(JexlException e) {
        Throwable cause = e.getCause();
        String text;
        if (e instanceof JexlException.Variable v) {
            text = "undefined variable '" + v.getVariable() + "'";
        } else if (e instanceof JexlException.Property p) {
            text = "unknown or undefined property '" + p.getProperty() + "'";
        } else if (e instanceof JexlException.Method m) {
            text = "method '" + m.getMethod() + "' is unknown or not allowed in plan expressions";
        } else if (e instanceof JexlException.Feature) {
            text = "not allowed in plan expressions (" + e.getMessage().replaceAll("^.*?@\\d+:\\d+ ", "") + ")";
        } else if (e instanceof JexlException.Parsing || e instanceof JexlException.Tokenization) {
            text = "syntax error " + e.getMessage().replaceAll("^.*?@", "at ");
        } else if (cause != null && cause.getMessage() != null) {
            text = cause.getMessage();
        } else {
            text = e.getMessage().replaceAll("^\\S+@\\d+:\\d+ ", "");
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    /** A value and whether it derives from a secret. */
    public record Evaluation(Object value, boolean secret) {
    }
}
