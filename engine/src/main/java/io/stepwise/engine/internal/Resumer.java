package io.stepwise.engine.internal;

import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Takes a run up again from its journal: resume continues it, rollback undoes it. Both open the run
 * the same way ({@link SessionFactory#attach}) and restore the world it describes the same way
 * ({@link RunRecovery}); only the mode differs.
 */
final class Resumer {
    private final SessionFactory factory;

    Resumer(SessionFactory factory) {
        this.factory = factory;
    }

    RunReport resume(Optional<String> run, Optional<Path> planOption, RunOptions options) {
        try (SessionFactory.Opened opened = factory.attach(run, planOption, options, ResumePolicy.Mode.RESUME)) {
            RunSession session = opened.session();
            RunRecovery recovery = new RunRecovery(session, ResumePolicy.Mode.RESUME);
            recovery.refuseWhenAPersonMustDecide();
            RunDriver driver = new RunDriver(session);
            return driver.runRemaining(() -> {
                recovery.restoreWorld();
                recovery.settleSteps();
            });
        }
    }

    RunReport rollback(Optional<String> run, Optional<Path> planOption, RunOptions options) {
        try (SessionFactory.Opened opened = factory.attach(run, planOption, options, ResumePolicy.Mode.ROLLBACK)) {
            RunSession session = opened.session();
            new RunRecovery(session, ResumePolicy.Mode.ROLLBACK).restoreWorld();
            return new RunDriver(session).rollback();
        }
    }
}
