package io.stepwise.engine.internal;

import io.stepwise.engine.internal.expr.SqlHelper;
import io.stepwise.engine.internal.expr.Deferred;
import io.stepwise.engine.spi.StepResult;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names plan expressions read: {@code inputs}, {@code steps}, {@code env}, {@code run}, and
 * {@code result} where a step's own result is in scope. Mutable only by the run that owns it.
 */
final class RunScope {
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Object> steps = new LinkedHashMap<>();
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, String> env;
    private final SqlHelper sql = new SqlHelper();

    RunScope(Map<String, String> env) {
        this.env = Collections.unmodifiableMap(new HashMap<>(env));
    }

    void setInput(String name, Object value) {
        inputs.put(name, value);
    }

    Map<String, Object> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    void setRun(String key, Object value) {
        run.put(key, value);
    }

    void setStepValues(String id, Map<String, Object> values) {
        steps.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** In dry-run, a step that has not run stands for its values: any name reads as a {@link Deferred}. */
    void deferStep(String id) {
        steps.put(id, new DeferredValues("steps." + id));
    }

    Map<String, Object> stepValues(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) steps.get(id);
        return values == null ? Map.of() : values;
    }

    boolean hasStep(String id) {
        return steps.containsKey(id);
    }

    void forgetStep(String id) {
        steps.remove(id);
    }

    Map<String, Object> variables(StepResult result) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("inputs", Collections.unmodifiableMap(inputs));
        vars.put("steps", Collections.unmodifiableMap(steps));
        vars.put("env", env);
        vars.put("run", Collections.unmodifiableMap(run));
        vars.put("sql", sql);
        if (result != null) {
            vars.put("result", result.values());
        }
        return vars;
    }

    /**
     * A read-only map whose every key stands for a value only the run knows: a {@link Deferred} named
     * after it, or (for a step's planned undo in dry-run, which a step type reads) its source as text,
     * {@code <steps.id.key>}.
     */
    static final class DeferredValues extends AbstractMap<String, Object> {
        private final String prefix;
        private final boolean asText;

        DeferredValues(String prefix) {
            this(prefix, false);
        }

        private DeferredValues(String prefix, boolean asText) {
            this.prefix = prefix;
            this.asText = asText;
        }

        static DeferredValues asText(String prefix) {
            return new DeferredValues(prefix, true);
        }

        @Override
        public Object get(Object key) {
            Deferred deferred = new Deferred(prefix + "." + key);
            return asText ? deferred.toString() : deferred;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }
}
