package io.stepwise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Where the shell's lines come from. On a terminal: JLine with completion, history and Ctrl-C/Ctrl-D.
 * Piped (no terminal, or a dumb one): plain lines, each command echoed as {@code > command} so a
 * transcript reads like the session.
 */
interface ShellInput extends AutoCloseable {
    /** The next command; empty at the end of input (Ctrl-D, EOF); Ctrl-C at the prompt gives a blank line. */
    Optional<String> readCommand(String prompt);

    /** Asks a question (a {@code confirm:} or the rollback's); empty when nobody answered. */
    Optional<String> ask(String question);

    /** True when reading piped lines: no prompt, no completion, no colours. */
    boolean piped();

    @Override
    void close();

    static ShellInput interactive(Terminal terminal, Completer completer, Optional<Path> history) {
        return new Interactive(terminal, completer, history);
    }

    static ShellInput piped(Terminal terminal, PrintWriter out) {
        return new Piped(terminal.reader(), out);
    }

    /** JLine line editing; questions go through a second reader that neither completes nor remembers. */
    final class Interactive implements ShellInput {
        private final LineReader commands;
        private final LineReader questions;

        Interactive(Terminal terminal, Completer completer, Optional<Path> history) {
            LineReaderBuilder builder = LineReaderBuilder.builder().appName("stepwise").terminal(terminal)
                    .completer(completer)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .variable(LineReader.HISTORY_IGNORE, "quit:exit");
            history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
            this.commands = builder.build();
            this.questions = LineReaderBuilder.builder().appName("stepwise").terminal(terminal)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .variable(LineReader.DISABLE_HISTORY, true).build();
        }

        @Override
        public Optional<String> readCommand(String prompt) {
            try {
                return Optional.of(commands.readLine(prompt));
            } catch (UserInterruptException e) {
                return Optional.of("");
            } catch (EndOfFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<String> ask(String question) {
            try {
                return Optional.of(questions.readLine(question));
            } catch (UserInterruptException | EndOfFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean piped() {
            return false;
        }

        @Override
        public void close() {
            try {
                commands.getHistory().save();
            } catch (IOException e) {
                // history is a convenience; the run is in its journal
            }
        }
    }

    /** Lines as they come; blank lines and {@code #} comments are passed over without an echo. */
    final class Piped implements ShellInput {
        private final NonBlockingReader in;
        private final PrintWriter out;

        Piped(NonBlockingReader in, PrintWriter out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public Optional<String> readCommand(String prompt) {
            while (true) {
                Optional<String> line = readLine();
                if (line.isEmpty()) {
                    return line;
                }
                String text = line.get().strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    out.println("> " + text);
                    out.flush();
                    return Optional.of(text);
                }
            }
        }

        @Override
        public Optional<String> ask(String question) {
            out.print(question);
            out.flush();
            Optional<String> answer = readLine();
            out.println(answer.orElse(""));
            out.flush();
            return answer;
        }

        @Override
        public boolean piped() {
            return true;
        }

        private Optional<String> readLine() {
            StringBuilder line = new StringBuilder();
            try {
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        return line.length() == 0 ? Optional.empty() : Optional.of(line.toString());
                    }
                    if (c == '\n') {
                        return Optional.of(line.toString());
                    }
                    if (c != '\r') {
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
