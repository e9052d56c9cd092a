package io.stepwise.engine.api;

/** Answers a step's {@code confirm:} question before it runs. */
public interface Confirmer {
    /** A confirmer for {@code --yes}. */
    Confirmer ALWAYS = new Confirmer() {
        @Override
        public boolean confirm(String stepId, String question) {
            return true;
        }

        @Override
        public String who() {
            return "--yes";
        }
    };

    boolean confirm(String stepId, String question);

    /** Who answers, as the journal records it with each answer (a user at a terminal, or {@code --yes}). */
    default String who() {
        return System.getProperty("user.name", "?");
    }
}
