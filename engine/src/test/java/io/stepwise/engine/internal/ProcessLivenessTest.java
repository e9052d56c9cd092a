package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessLivenessTest {
    @Test
    void givenAProcessThatExitedButWasNotReaped_whenAsked_thenItIsNotRunningThoughItsHandleSaysAlive() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        // given: a child that exits at once under a parent that never waits for it (exec replaces the shell)
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 30").start();
        try {
            ProcessHandle child = awaitChild(parent);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat")).matches("(?s).*\\) Z .*")) {
                assertThat(System.nanoTime()).as("the child became a zombie").isLessThan(deadline);
                Thread.sleep(20);
            }

            // when / then
            assertThat(child.isAlive()).as("what ProcessHandle says of a zombie").isTrue();
            assertThat(ProcessLiveness.isRunning(child)).isFalse();
            assertThat(ProcessLiveness.isRunning(parent.toHandle())).isTrue();
        } finally {
            parent.destroyForcibly().waitFor();
        }
        assertThat(ProcessLiveness.isRunning(parent.toHandle())).isFalse();
    }

    private static ProcessHandle awaitChild(Process parent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var child = parent.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            assertThat(System.nanoTime()).as("the shell started its child").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
