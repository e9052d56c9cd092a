package io.stepwise.cli;

/** Lets a question take the terminal: the live status line steps aside while the person answers. */
interface PromptGuard {
    PromptGuard NONE = new PromptGuard() {
    };

    default void beforePrompt() {
    }

    default void afterPrompt() {
    }
}
