package io.stepwise.cli;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.Engine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * What the commands work with: the engine (created on first use, so {@code --help} never builds
 * it), the output streams, the terminal, the person to ask and the Ctrl-C hook. The process gets
 * {@link #system()}; tests and the interactive shell build their own.
 */
public final class CliContext {
    private final Supplier<Engine> engineFactory;
    private final PrintWriter out;
    private final PrintWriter err;
    private final TerminalInfo terminal;
    private final Prompter prompter;
    private final RunInterrupter interrupter;
    private Engine engine;
    private volatile boolean debug;

    private CliContext(Builder builder) {
        this.engineFactory = Objects.requireNonNull(builder.engineFactory, "engine");
        this.out = Objects.requireNonNull(builder.out, "out");
        this.err = Objects.requireNonNull(builder.err, "err");
        this.terminal = builder.terminal;
        this.prompter = builder.prompter;
        this.interrupter = builder.interrupter;
        this.debug = builder.debug;
    }

    /** Standard output and error in the terminal's charset, the real engine, the console. */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        Charset charset = outputCharset();
        return builder(Stepwise::engine)
                .out(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset)))
                .err(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset)))
                .terminal(TerminalInfo.detect(env, System.console() != null, charset))
                .prompter(Prompter.system(env))
                .interrupter(RunInterrupter.interruptingThread())
                .build();
    }

    public static Builder builder(Supplier<Engine> engineFactory) {
        return new Builder(engineFactory);
    }

    private static Charset outputCharset() {
        for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }

    /** The engine, created on first use. */
    public synchronized Engine engine() {
        if (engine == null) {
            long start = System.nanoTime();
            engine = engineFactory.get();
            LoggerFactory.getLogger(CliContext.class).debug("engine ready in {} ms",
                    (System.nanoTime() - start) / 1_000_000);
        }
        return engine;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public TerminalInfo terminal() {
        return terminal;
    }

    public Prompter prompter() {
        return prompter;
    }

    public RunInterrupter interrupter() {
        return interrupter;
    }

    /** With {@code --debug}: stack traces on errors and plain rendering (debug logs share the screen). */
    public boolean debug() {
        return debug;
    }

    void debug(boolean on) {
        this.debug = on;
    }

    /** Builds a context; everything but the engine has a plain, non-interactive default. */
    public static final class Builder {
        private final Supplier<Engine> engineFactory;
        private PrintWriter out = new PrintWriter(System.out, true);
        private PrintWriter err = new PrintWriter(System.err, true);
        private TerminalInfo terminal = TerminalInfo.plain();
        private Prompter prompter = Prompter.NONE;
        private RunInterrupter interrupter = RunInterrupter.interruptingThread();
        private boolean debug;

        private Builder(Supplier<Engine> engineFactory) {
            this.engineFactory = engineFactory;
        }

        public Builder out(PrintWriter value) {
            this.out = value;
            return this;
        }

        public Builder err(PrintWriter value) {
            this.err = value;
            return this;
        }

        public Builder terminal(TerminalInfo value) {
            this.terminal = Objects.requireNonNull(value, "terminal");
            return this;
        }

        public Builder prompter(Prompter value) {
            this.prompter = Objects.requireNonNull(value, "prompter");
            return this;
        }

        public Builder interrupter(RunInterrupter value) {
            this.interrupter = Objects.requireNonNull(value, "interrupter");
            return this;
        }

        public Builder debug(boolean value) {
            this.debug = value;
            return this;
        }

        public CliContext build() {
            return new CliContext(this);
        }
    }
}
