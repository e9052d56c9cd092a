package io.stepwise.cli;

import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Run events for people. On an interactive terminal the running step has a live status line,
 * redrawn in place from progress events and once a second; every step ends with one permanent line.
 * Elsewhere (pipes, CI, {@code --debug}) it prints plain lines only: no carriage returns, no colours.
 *
 * <p>Reads these optional event data keys: {@code type} (the step type), {@code index} (1-based
 * position of the step in the plan), {@code total} or, on {@code RUN_STARTED}, {@code steps} (steps
 * in the plan), {@code resumed} on {@code RUN_STARTED}, and {@code hint} on {@code STEP_FAILED}.
 */
final class ConsoleReporter implements RunRenderer {
    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final PrintWriter out;
    private final Style style;
    private final boolean live;
    private final IntSupplier width;
    private final LongSupplier nanoClock;
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, String> lastProgress = new HashMap<>();
    private int total;
    private Active active;
    private boolean lineShown;
    private boolean suspended;
    private ScheduledExecutorService ticker;

    /** Set for {@code stepwise rollback}, whose run starts again as a resumed one. */
    private boolean rollingBack;

    ConsoleReporter(PrintWriter out, Style style, boolean live, IntSupplier width, LongSupplier nanoClock) {
        this.out = out;
        this.style = style;
        this.live = live;
        this.width = width;
        this.nanoClock = nanoClock;
    }

    static ConsoleReporter create(CliContext context) {
        TerminalInfo terminal = context.terminal();
        boolean live = terminal.interactive() && !context.debug();
        return new ConsoleReporter(context.out(), Style.of(terminal), live, terminal::width, System::nanoTime);
    }

    /** The step that has the live status line. */
    private static final class Active {
        final String id;
        final String label;
        final long startNanos;
        String progress = "";

        Active(String id, String label, long startNanos) {
            this.id = id;
            this.label = label;
            this.startNanos = startNanos;
        }
    }

    @Override
    public synchronized void rollingBack() {
        rollingBack = true;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        String id = event.stepId().orElse("");
        String message = event.message().strip();
        data(event, "type").ifPresent(type -> types.put(id, type));
        switch (event.kind()) {
            case RUN_STARTED -> {
                number(event, "total").or(() -> number(event, "steps")).ifPresent(n -> total = n);
                String verb = !Boolean.TRUE.equals(event.data().get("resumed")) ? "Run "
                        : rollingBack ? "Rolling back run " : "Resuming run ";
                println(style.bold(verb + event.runId()) + (message.isEmpty() ? "" : ": " + message));
            }
            case STEP_STARTED -> stepStarted(event, id);
            case STEP_PROGRESS -> progress(id, message);
            case STEP_OUTPUT -> message.lines().forEach(line -> println("    " + line));
            case STEP_COMPLETED -> stepEnded(id, style.ok() + " " + named(id) + " " + took(event, id));
            case STEP_FAILED -> stepEnded(id, style.failed() + " " + named(id) + " " + took(event, id)
                    + (message.isEmpty() ? "" : ": " + firstLine(message)) + moreLines(message)
                    + data(event, "hint").map(hint -> System.lineSeparator() + "    " + hint).orElse(""));
            case STEP_SKIPPED -> stepEnded(id, style.skipped() + " " + named(id) + " skipped"
                    + (message.isEmpty() ? "" : " (" + message + ")"));
            case STEP_RETRYING -> {
                if (active != null) {
                    active.progress = "";
                }
                println("  " + style.retry() + " " + id + ": " + (message.isEmpty() ? "retrying" : message));
            }
            case CONFIRMATION -> println(style.question() + " " + id + ": " + message);
            case ROLLBACK_STARTED -> println(style.bold("Rolling back") + (message.isEmpty() ? "" : ": " + message));
            case ROLLBACK_STEP -> println("  " + style.undo() + " " + named(id) + (message.isEmpty() ? "" : ": " + message));
            case ROLLBACK_FINISHED -> println("Rollback finished" + (message.isEmpty() ? "" : ": " + message));
            case RUN_FINISHED -> endLive();
            case WARNING -> println(style.warning("warning: ") + (id.isEmpty() ? "" : id + ": ") + message);
        }
        out.flush();
    }

    private void stepStarted(RunEvent event, String id) {
        number(event, "total").ifPresent(n -> total = n);
        int position = number(event, "index").orElseGet(() -> positions.getOrDefault(id, positions.size() + 1));
        positions.put(id, position);
        String counter = "[" + position + (total > 0 ? "/" + total : "") + "]";
        lastProgress.remove(id);
        if (!live) {
            println(counter + " " + named(id));
            return;
        }
        String type = types.get(id);
        active = new Active(id, counter + " " + id + (type == null ? "" : "  " + type), nanoClock.getAsLong());
        draw();
        startTicker();
    }

    private void progress(String id, String message) {
        if (live) {
            if (active != null && active.id.equals(id)) {
                active.progress = message.replaceAll("\\s*\\R\\s*", " ");
                draw();
            }
        } else if (!message.isEmpty() && !message.equals(lastProgress.put(id, message))) {
            println("    " + id + ": " + message);
        }
    }

    private void stepEnded(String id, String line) {
        if (active != null && active.id.equals(id)) {
            endLive();
        }
        println(line);
    }

    private String took(RunEvent event, String id) {
        Duration elapsed = event.elapsed();
        if (elapsed.isZero() && active != null && active.id.equals(id)) {
            elapsed = Duration.ofNanos(nanoClock.getAsLong() - active.startNanos);
        }
        return Elapsed.format(elapsed);
    }

    private String named(String id) {
        String type = types.get(id);
        return type == null ? id : id + " (" + type + ")";
    }

    @Override
    public synchronized void beforePrompt() {
        suspended = true;
        clearLine();
        out.flush();
    }

    @Override
    public synchronized void afterPrompt() {
        suspended = false;
        draw();
    }

    @Override
    public synchronized void finish(RunReport report, List<NextCommand> next) {
        close();
        out.println();
        RunSummary.render(report, style, next).forEach(out::println);
        out.flush();
    }

    @Override
    public synchronized void close() {
        endLive();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        out.flush();
    }

    private void endLive() {
        clearLine();
        active = null;
    }

    private synchronized void tick() {
        draw();
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "stepwise-status-line");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void draw() {
        if (!live || active == null || suspended) {
            return;
        }
        Duration running = Duration.ofNanos(nanoClock.getAsLong() - active.startNanos);
        String text = active.label + "  running " + Elapsed.clock(running)
                + (active.progress.isEmpty() ? "" : "  " + active.progress);
        out.print(CLEAR_LINE + style.truncate(text, Math.max(10, width.getAsInt() - 1)));
        out.flush();
        lineShown = true;
    }

    private void clearLine() {
        if (lineShown) {
            out.print(CLEAR_LINE);
            lineShown = false;
        }
    }

    /** A permanent line; the live status line is taken down first and drawn again after it. */
    private void println(String text) {
        clearLine();
        out.println(text);
        draw();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).stripTrailing();
    }

    private static String moreLines(String text) {
        List<String> lines = text.lines().skip(1).map(line -> "    " + line).toList();
        return lines.isEmpty() ? "" : System.lineSeparator() + String.join(System.lineSeparator(), lines);
    }

    private static Optional<String> data(RunEvent event, String key) {
        Object value = event.data().get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private static Optional<Integer> number(RunEvent event, String key) {
        Object value = event.data().get(key);
        if (value instanceof Number number) {
            return Optional.of(number.intValue());
        }
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
