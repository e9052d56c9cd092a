package io.stepwise.engine;

import io.stepwise.engine.api.Engine;
import io.stepwise.engine.internal.DefaultEngine;

/** The one bootstrap entry: the engine with the step types found on the class path. */
public final class Stepwise {
    private Stepwise() {
    }

    public static Engine engine() {
        return DefaultEngine.withServiceLoader(Stepwise.class.getClassLoader());
    }
}
