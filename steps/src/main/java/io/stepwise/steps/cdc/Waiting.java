package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import java.util.List;

/** Polls a changefeed's status until a state, or until its checkpoint reaches a TS. */
final class Waiting {
    private Waiting() {
    }

    /**
     * Waits for {@code state} when given, else for what {@code config.waiting()} asks: the state normal,
     * or the checkpoint at or past checkpoint_ts. Fails at once on failed or removed.
     */
    static ChangefeedState until(ChangefeedConfig config, StepContext context, ChangefeedClient client, String state) {
        ChangefeedConfig.Wait wait = config.waiting();
        // validate refuses wait_for checkpoint without checkpoint_ts
        Long target = state == null && wait.forCheckpoint() ? wait.checkpointTs().orElseThrow() : null;
        String want = state != null ? state : target == null ? "normal" : null;
        long deadline = System.nanoTime() + wait.timeout().toNanos();
        while (true) {
            ChangefeedState current = client.status();
            if (want != null ? want.equals(current.state())
                    : current.checkpointTs().map(cp -> cp >= target).orElse(false)) {
                return current;
            }
            if (List.of("failed", "removed").contains(current.state()) && !current.state().equals(want)) {
                throw new StepFailedException("changefeed '" + config.changefeedId() + "' is " + current.state()
                        + current.error().map(e -> ": " + e).orElse(""),
                        current.error().flatMap(e -> CdcErrors.hint(code(e))).orElse(
                                "query it for its error; a failed changefeed may need a new backup and changefeed"));
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailedException("changefeed '" + config.changefeedId() + "' did not reach "
                        + (want != null ? "state " + want : "checkpoint " + target) + " within "
                        + wait.timeout().toSeconds() + "s; last state " + current.state() + ", checkpoint "
                        + current.checkpointTs().map(String::valueOf).orElse("unknown"),
                        "raise wait_timeout, or look at the TiCDC log for why it is slow");
            }
            context.progress("changefeed " + config.changefeedId() + ": " + current.state() + ", checkpoint "
                    + current.checkpointTs().map(String::valueOf).orElse("?")
                    + (target != null ? " (waiting for " + target + ")" : "")
                    + current.error().map(e -> "; error " + e).orElse(""));
            context.pause(wait.pollInterval());
        }
    }

    private static String code(String error) {
        int colon = error.indexOf(": ");
        return colon < 0 ? error : error.substring(0, colon);
    }
}
