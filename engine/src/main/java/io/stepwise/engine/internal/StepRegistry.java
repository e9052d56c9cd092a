package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.spi.StepType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The step types found through {@link ServiceLoader}; two types with one name is a startup error naming both. */
public final class StepRegistry {
    private final java.util.concurrent.CompletableFuture<Map<String, StepType<?>>> loading;

    private StepRegistry(java.util.concurrent.CompletableFuture<Map<String, StepType<?>>> loading) {
        this.loading = loading;
    }

    /**
     * Finds the step types on another thread (loading their classes is a good part of start-up),
     * so the caller can read and parse the plan meanwhile; the first lookup waits for it.
     */
    public static StepRegistry load(ClassLoader loader) {
        return new StepRegistry(Warmup.start("step-types", () -> find(loader)));
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, StepType<?>> find(ClassLoader loader) {
        Map<String, StepType<?>> types = new TreeMap<>();
        try {
            for (StepType type : ServiceLoader.load(StepType.class, loader)) {
                add(types, type);
            }
        } catch (ServiceConfigurationError e) {
            throw new StepwiseException(ErrorCode.INTERNAL, "cannot load step types: " + e.getMessage(),
                    "check META-INF/services/" + StepType.class.getName(), e);
        }
        return types;
    }

    public static StepRegistry of(Collection<? extends StepType<?>> list) {
        Map<String, StepType<?>> types = new TreeMap<>();
        list.forEach(t -> add(types, t));
        return new StepRegistry(java.util.concurrent.CompletableFuture.completedFuture(types));
    }

    private Map<String, StepType<?>> types() {
        try {
            return loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void add(Map<String, StepType<?>> types, StepType<?> type) {
        StepType<?> previous = types.putIfAbsent(type.name(), type);
        if (previous != null) {
            throw new StepwiseException(ErrorCode.INTERNAL, "two step types are named '" + type.name() + "': "
                    + previous.getClass().getName() + " and " + type.getClass().getName(),
                    "remove one of them from the class path or rename it");
        }
    }

    public Optional<StepType<?>> find(String name) {
        return Optional.ofNullable(types().get(name));
    }

    public StepType<?> get(String name) {
        return find(name).orElseThrow(() -> new StepwiseException(ErrorCode.USAGE, unknownMessage(name)));
    }

    public Collection<StepType<?>> all() {
        return types().values();
    }

    public List<String> names() {
        return List.copyOf(types().keySet());
    }

    /** "unknown step type 'sq' (did you mean 'sql'? known: sql, sleep, ...)" with the closest first. */
    public String unknownMessage(String name) {
        return "unknown step type '" + name + "'";
    }

    public String unknownHint(String name) {
        List<String> ranked = Suggestions.rank(name, types().keySet());
        String known = "known types: " + String.join(", ", ranked);
        return Suggestions.closest(name, types().keySet()).map(s -> "did you mean '" + s + "'? " + known).orElse(known);
    }
}
