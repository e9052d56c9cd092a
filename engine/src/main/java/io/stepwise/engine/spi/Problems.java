package io.stepwise.engine.spi;

/** Where a step type reports what is wrong with its parameters before anything runs. */
public interface Problems {
    /** Reports a problem at the given parameter (or at the step when the name is null). */
    void add(String parameter, String message, String hint);

    default void add(String parameter, String message) {
        add(parameter, message, null);
    }
}
