package io.stepwise.cli;

import java.io.Console;
import java.util.Map;
import java.util.Optional;

/** Asks the person at the terminal a question. */
public interface Prompter {
    /** There is nobody to ask. */
    Prompter NONE = new Prompter() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<String> ask(String prompt) {
            return Optional.empty();
        }
    };

    /** False when there is no terminal to ask: input or output redirected, or running in CI. */
    boolean available();

    /** Shows the prompt and reads one line; empty at the end of input. */
    Optional<String> ask(String prompt);

    /** The console of this process, when there is one and {@code CI} is not set. */
    static Prompter system(Map<String, String> env) {
        Console console = System.console();
        if (console == null || TerminalInfo.isCi(env)) {
            return NONE;
        }
        return new Prompter() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Optional<String> ask(String prompt) {
                return Optional.ofNullable(console.readLine("%s", prompt));
            }
        };
    }
}
