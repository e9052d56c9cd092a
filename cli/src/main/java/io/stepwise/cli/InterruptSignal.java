package io.stepwise.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT): the first asks the running plan to stop gracefully through the
 * {@link RunInterrupter}, or exits with status 130 when nothing runs (shutdown hooks still run);
 * the second halts at once with 130. Without {@code sun.misc.Signal} (or when SIGINT was ignored
 * at start, as for background jobs) the JVM default stays: shutdown hooks, then status 130.
 */
final class InterruptSignal {
    private final RunInterrupter interrupter;
    private final PrintWriter err;
    private final AtomicInteger presses = new AtomicInteger();

    InterruptSignal(RunInterrupter interrupter, PrintWriter err) {
        this.interrupter = interrupter;
        this.err = err;
    }

    static void install(RunInterrupter interrupter, PrintWriter err) {
        InterruptSignal handler = new InterruptSignal(interrupter, err);
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            Object proxy = Proxy.newProxyInstance(InterruptSignal.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (self, method, args) -> handler.dispatch(self, method, args));
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // keep the JVM's own SIGINT handling: shutdown hooks, then exit status 130
        }
    }

    private Object dispatch(Object self, Method method, Object[] args) {
        return switch (method.getName()) {
            case "handle" -> {
                onInterrupt();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> "stepwise SIGINT handler";
        };
    }

    void onInterrupt() {
        if (presses.incrementAndGet() > 1) {
            err.println();
            err.println("stepwise: stopped at once; `stepwise resume` decides about the step that was running");
            err.flush();
            Runtime.getRuntime().halt(ExitStatus.INTERRUPTED);
        }
        if (interrupter.requestStop()) {
            err.println();
            err.println("stepwise: stopping the run at the next safe point (Ctrl-C again to stop at once)");
            err.flush();
            return;
        }
        err.flush();
        Shutdown.begin(ExitStatus.INTERRUPTED);
    }
}
