package io.stepwise.cli;

import io.stepwise.engine.api.RunStatus;

/** The process exit statuses, as the help footer documents them. */
final class ExitStatus {
    static final int SUCCESS = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = 130;

    static final String HEADING = "%nExit status:%n";
    static final String HELP_SUCCESS = "0:success";
    static final String HELP_FAILED = "1:a step failed, or a rollback is incomplete";
    static final String HELP_USAGE = "2:invalid plan or usage; nothing was run";
    static final String HELP_INTERRUPTED = "130:interrupted (Ctrl-C), or a confirmation was refused";

    private ExitStatus() {
    }

    /** A run or resume succeeds only when every step did; a failed run that rolled itself back is still a failure. */
    static int ofRun(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> SUCCESS;
            case INTERRUPTED -> INTERRUPTED;
            default -> FAILED;
        };
    }

    /** A rollback succeeds when everything it had to undo was undone. */
    static int ofRollback(RunStatus status) {
        return switch (status) {
            case ROLLED_BACK, SUCCEEDED -> SUCCESS;
            case INTERRUPTED -> INTERRUPTED;
            default -> FAILED;
        };
    }
}
