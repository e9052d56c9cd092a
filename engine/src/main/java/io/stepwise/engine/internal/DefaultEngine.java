package io.stepwise.engine.internal;

/** Placeholder; replaced by the real engine. */
public final class DefaultEngine {
    public static io.stepwise.engine.api.Engine withServiceLoader(ClassLoader loader) {
        throw new UnsupportedOperationException("engine not built yet");
    }
}
