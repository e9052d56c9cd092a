package io.stepwise.engine.api;

/** Answers a step's {@code confirm:} question before it runs. */
@FunctionalInterface
public interface Confirmer {
    /** A confirmer for {@code --yes}. */
    Confirmer ALWAYS = (stepId, question) -> true;

    boolean confirm(String stepId, String question);
}
