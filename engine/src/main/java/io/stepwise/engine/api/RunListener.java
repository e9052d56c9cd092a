package io.stepwise.engine.api;

/** Receives run events, in order, on the thread that runs the plan (progress may come from a timer thread). */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = event -> { };

    void onEvent(RunEvent event);
}
