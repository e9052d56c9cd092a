package io.stepwise.engine.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Starts a piece of start-up work on a thread of its own (a daemon), so independent parts load in parallel. */
final class Warmup {
    private Warmup() {
    }

    static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "stepwise-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
