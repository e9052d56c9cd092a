package io.stepwise.cli;

import io.stepwise.engine.api.RunListener;
import io.stepwise.engine.api.RunReport;
import java.util.List;

/** Renders a run's events as they come, then its end. */
interface RunRenderer extends RunListener, PromptGuard, AutoCloseable {
    /** The end of a run: the summary for people, a {@code RUN_REPORT} line for machines. */
    void finish(RunReport report, List<NextCommand> next);

    /** Tells the renderer the run is being rolled back (it would otherwise say it resumes). */
    default void rollingBack() {
    }

    /** Stops any live rendering; safe to call more than once. */
    @Override
    void close();

    static RunRenderer create(CliContext context, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            return new JsonReporter(context.out());
        }
        return ConsoleReporter.create(context);
    }
}
