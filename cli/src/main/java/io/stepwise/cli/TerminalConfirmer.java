package io.stepwise.cli;

import io.stepwise.engine.api.Confirmer;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a step's {@code confirm:} question by asking at the terminal
 * ({@code Proceed with step 'x'? <question> [y/N]}). Without a terminal it refuses and remembers
 * why, so the command line can tell the person to pass {@code --yes}.
 */
final class TerminalConfirmer implements Confirmer {
    private final Prompter prompter;
    private final PromptGuard guard;
    private volatile String unansweredStep;

    TerminalConfirmer(Prompter prompter, PromptGuard guard) {
        this.prompter = prompter;
        this.guard = guard;
    }

    /** {@code --yes} says yes to everything; otherwise the person at the terminal decides. */
    static Confirmer forOptions(boolean yes, Prompter prompter, PromptGuard guard) {
        return yes ? Confirmer.ALWAYS : new TerminalConfirmer(prompter, guard);
    }

    @Override
    public boolean confirm(String stepId, String question) {
        if (!prompter.available()) {
            unansweredStep = stepId;
            return false;
        }
        Optional<String> answer;
        guard.beforePrompt();
        try {
            answer = prompter.ask("Proceed with step '" + stepId + "'? " + question.strip() + " [y/N] ");
        } finally {
            guard.afterPrompt();
        }
        return answer.map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> a.equals("y") || a.equals("yes"))
                .isPresent();
    }

    @Override
    public String who() {
        return System.getProperty("user.name", "?") + " at the terminal";
    }

    /** Why a confirmation was refused without asking anybody, with what to do about it. */
    Optional<String> refusedWithoutTerminal() {
        String step = unansweredStep;
        return step == null ? Optional.empty()
                : Optional.of("there was no terminal to confirm step '" + step + "': pass --yes to confirm in advance");
    }

    /** The refusal of a confirmer, if it was a {@link TerminalConfirmer} that had nobody to ask. */
    static Optional<String> refusalOf(Confirmer confirmer) {
        return confirmer instanceof TerminalConfirmer terminal ? terminal.refusedWithoutTerminal() : Optional.empty();
    }
}
