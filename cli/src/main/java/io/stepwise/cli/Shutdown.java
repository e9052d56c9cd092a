package io.stepwise.cli;

/** Ends the process without blocking the caller, and tells whether it is already ending. */
final class Shutdown {
    private Shutdown() {
    }

    /** Starts {@code System.exit} on its own thread: shutdown hooks run while the caller goes on. */
    static void begin(int status) {
        Thread exit = new Thread(() -> System.exit(status), "stepwise-exit");
        exit.start();
    }

    /** True once the JVM's shutdown has begun (a signal or {@link #begin}); then nobody may call System.exit. */
    static boolean inProgress() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
