package io.stepwise.steps.exec;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.steps.support.Texts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Waits until a background process is ready, reporting progress, and fails with its output when it dies first. */
final class ReadinessWait {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int CONNECT_MILLIS = 500;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final int TAIL_CHARS = 4_000;

    private final BackgroundProcess process;
    private final Readiness ready;
    private final StepContext context;
    private final LogFollower follower;
    private String lastProblem = "";

    ReadinessWait(BackgroundProcess process, Readiness ready, StepContext context) {
        this.process = process;
        this.ready = ready;
        this.context = context;
        this.follower = ready instanceof Readiness.Log log
                ? new LogFollower(process.logFile(), Pattern.compile(log.regex())) : null;
    }

    /** Returns once ready; throws {@link StepFailedException} when the process exits or the timeout passes. */
    void await(Duration timeout, String what) {
        long started = System.nanoTime();
        long reported = -1;
        while (true) {
            if (isReady()) {
                return;
            }
            if (!process.isAlive()) {
                throw new StepFailedException(context.mask(what + " exited before it was ready (waiting for "
                        + ready.describe() + ")" + outputNote()), "its whole output is in " + process.logFile());
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (waited.compareTo(timeout) >= 0) {
                throw new StepFailedException(context.mask(what + " was not ready after " + Texts.duration(timeout)
                        + " (waiting for " + ready.describe() + lastProblem + ")" + outputNote()),
                        "raise ready_timeout, or see why in " + process.logFile());
            }
            if (waited.toSeconds() != reported) {
                reported = waited.toSeconds();
                context.progress("waiting for " + ready.describe() + " (" + reported + "s)");
            }
            context.pause(POLL);
        }
    }

    private String outputNote() {
        String tail = Texts.lastLines(process.outputTail(TAIL_CHARS), 10);
        return tail.isEmpty() ? "; it printed nothing" : "; its output ends with:\n" + tail;
    }

    private boolean isReady() {
        try {
            if (ready instanceof Readiness.Port port) {
                return connects(port);
            }
            if (ready instanceof Readiness.Log) {
                return follower.matched();
            }
            return answers((Readiness.Http) ready);
        } catch (IOException e) {
            lastProblem = "; last: " + e.getMessage();
            return false;
        }
    }

    private static boolean connects(Readiness.Port port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(port.host(), port.number()), CONNECT_MILLIS);
            return true;
        }
    }

    private boolean answers(Readiness.Http http) {
        try {
            int status = context.actions().http(new HttpAction("GET", http.url(), Map.of(), Optional.empty(),
                    Optional.of(HTTP_TIMEOUT))).status();
            lastProblem = "; last: status " + status;
            return http.answeredBy(status);
        } catch (StepFailedException e) {
            lastProblem = "; last: " + e.getMessage();
            return false;
        }
    }
}
