package io.stepwise.engine.internal;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step types for engine tests; the real ones live in the steps module. */
final class FakeSteps {
    static final Param<Object> VALUE = Param.any("value").description("the value");
    static final Param<String> SECRET = Param.string("secret").secret().description("a secret");
    static final Param<String> COUNTER = Param.string("counter").required().description("counter file");
    static final Param<Long> SUCCEED_ON = Param.integer("succeed_on").defaultValue(1L).description("attempt");
    static final Param<String> FILE = Param.string("file").required().description("file");
    static final Param<String> TEXT = Param.string("text").required().description("line");
    static final Param<Boolean> REVERSIBLE = Param.bool("reversible").defaultValue(true).description("undoable");
    static final Param<Long> MILLIS = Param.integer("millis").required().description("how long");

    private FakeSteps() {
    }

    static StepRegistry registry() {
        return StepRegistry.of(List.of(new Echo(), new Flaky(), new Mark(), new Wait(), new Token()));
    }

    /** {@code token}: invents a secret (as a step that creates an access token does); nothing can rebuild it. */
    static final class Token implements StepType<String> {
        public String name() {
            return "token";
        }

        public String description() {
            return "makes a new secret token";
        }

        public List<Param<?>> parameters() {
            return List.of();
        }

        public List<OutputDescriptor> outputs() {
            return List.of(new OutputDescriptor("token", ParamType.STRING, "the token", true));
        }

        public String bind(Params p) {
            return "";
        }

        public List<Action> plan(String c, StepContext ctx) {
            return List.of(new NoteAction("make a token"));
        }

        public StepResult execute(String c, StepContext ctx) {
            return new StepResult(Map.of("token", "tok-" + java.util.UUID.randomUUID()));
        }

        public Reversibility reversibility(String c) {
            return Reversibility.NOTHING_TO_UNDO;
        }
    }

    /** {@code echo}: returns its value (and a secret it is given) as outputs. */
    record EchoConfig(Object value, String secret) {
    }

    static final class Echo implements StepType<EchoConfig> {
        public String name() {
            return "echo";
        }

        public String description() {
            return "Returns its value.";
        }

        public List<Param<?>> parameters() {
            return List.of(VALUE, SECRET);
        }

        public List<OutputDescriptor> outputs() {
            return List.of(OutputDescriptor.of("value", ParamType.ANY, "the value"));
        }

        public EchoConfig bind(Params p) {
            return new EchoConfig(p.find(VALUE).orElse(null), p.find(SECRET).orElse(null));
        }

        public List<Action> plan(EchoConfig c, StepContext ctx) {
            return List.of(new NoteAction("echo " + c.value() + (c.secret() == null ? "" : " with secret " + c.secret())));
        }

        public StepResult execute(EchoConfig c, StepContext ctx) {
            ctx.say("echo " + c.value() + (c.secret() == null ? "" : " " + c.secret()));
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("value", c.value());
            values.put("secret_seen", c.secret());
            return new StepResult(values);
        }

        public Reversibility reversibility(EchoConfig c) {
            return Reversibility.NOTHING_TO_UNDO;
        }

        public boolean idempotent(EchoConfig c) {
            return true;
        }
    }

    /** {@code flaky}: fails until the counter file reaches {@code succeed_on}. */
    record FlakyConfig(Path counter, long succeedOn) {
    }

    static final class Flaky implements StepType<FlakyConfig> {
        public String name() {
            return "flaky";
        }

        public String description() {
            return "Fails until an attempt number.";
        }

        public List<Param<?>> parameters() {
            return List.of(COUNTER, SUCCEED_ON);
        }

        public FlakyConfig bind(Params p) {
            return new FlakyConfig(Path.of(p.get(COUNTER)), p.get(SUCCEED_ON));
        }

        public List<Action> plan(FlakyConfig c, StepContext ctx) {
            return List.of(new NoteAction("count in " + c.counter()));
        }

        public StepResult execute(FlakyConfig c, StepContext ctx) {
            long n = Mark.append(c.counter(), "x");
            if (n < c.succeedOn()) {
                throw new StepFailedException("attempt " + n + " failed", "wait for attempt " + c.succeedOn());
            }
            return StepResult.of("attempt", n);
        }
    }

    /** {@code mark}: appends its id to a file (to count executions); undone by appending "undo:id". */
    record MarkConfig(Path file, String text, boolean reversible) {
    }

    static final class Mark implements StepType<MarkConfig> {
        public String name() {
            return "mark";
        }

        public String description() {
            return "Appends a line to a file.";
        }

        public List<Param<?>> parameters() {
            return List.of(FILE, TEXT, REVERSIBLE);
        }

        public List<OutputDescriptor> outputs() {
            return List.of(OutputDescriptor.of("lines", ParamType.INTEGER, "lines in the file"));
        }

        public MarkConfig bind(Params p) {
            return new MarkConfig(Path.of(p.get(FILE)), p.get(TEXT), p.get(REVERSIBLE));
        }

        public List<Action> plan(MarkConfig c, StepContext ctx) {
            return List.of(new NoteAction("append '" + c.text() + "' to " + c.file()));
        }

        public StepResult execute(MarkConfig c, StepContext ctx) {
            return StepResult.of("lines", append(c.file(), c.text()));
        }

        public Reversibility reversibility(MarkConfig c) {
            return c.reversible() ? Reversibility.SELF : Reversibility.NEEDS_PERSON;
        }

        public List<Action> planRollback(MarkConfig c, StepResult r, StepContext ctx) {
            return List.of(new NoteAction("append 'undo:" + c.text() + "' to " + c.file()));
        }

        public void rollback(MarkConfig c, StepResult r, StepContext ctx) {
            append(c.file(), "undo:" + c.text());
        }

        static long append(Path file, String text) {
            try {
                Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return Files.readAllLines(file).size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code wait}: sleeps through the context (interruptible), then returns. */
    record WaitConfig(long millis) {
    }

    static final class Wait implements StepType<WaitConfig> {
        public String name() {
            return "pause";
        }

        public String description() {
            return "Pauses.";
        }

        public List<Param<?>> parameters() {
            return List.of(MILLIS);
        }

        public WaitConfig bind(Params p) {
            return new WaitConfig(p.get(MILLIS));
        }

        public List<Action> plan(WaitConfig c, StepContext ctx) {
            return List.of(new NoteAction("pause " + c.millis() + "ms"));
        }

        public StepResult execute(WaitConfig c, StepContext ctx) {
            ctx.pause(java.time.Duration.ofMillis(c.millis()));
            return StepResult.EMPTY;
        }

        public Reversibility reversibility(WaitConfig c) {
            return Reversibility.NOTHING_TO_UNDO;
        }

        public ProbeOutcome probe(WaitConfig c, StepContext ctx) {
            return ProbeOutcome.notDone("a pause has no effect");
        }
    }
}
