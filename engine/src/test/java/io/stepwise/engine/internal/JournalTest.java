package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptThatClosesTheChannelUnderAWriteLosesNoEntryAndStaysPending() {
        // given a journal with one entry and a torn line left by a write cut short
        Journal journal = Journal.open(dir, true);
        journal.append(started("r1"), true);

        // when the writing thread is interrupted (Ctrl-C) as it appends
        Thread.currentThread().interrupt();
        try {
            journal.append(new JournalEntry.StepStarted("a", 1, null), true);

            // then the entry is written after a fresh open, and the interrupt is still there for the run to see
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        journal.append(new JournalEntry.StepCompleted("a", Map.of(), List.of(), 1L, 1, null), true);
        journal.close();
        assertThat(Journal.read(dir.resolve(Journal.FILE_NAME))).extracting(l -> l.entry().getClass().getSimpleName())
                .containsExactly("RunStarted", "StepStarted", "StepCompleted");
    }

    @Test
    void interruptsThatLandAnywhereInAWriteOrItsForceJournalEachEntryExactlyOnce() throws Exception {
        // given a writer interrupted again and again, as Ctrl-C interrupts the run's thread whenever it comes
        Journal journal = Journal.open(dir, true);
        journal.append(started("r1"), true);
        Thread writer = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread interrupter = new Thread(() -> {
            while (!done.get()) {
                writer.interrupt();
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        });
        int entries = 500;

        // when
        interrupter.start();
        try {
            for (int i = 0; i < entries; i++) {
                journal.append(new JournalEntry.StepStarted("s" + i, 1, null), true);
            }
        } finally {
            done.set(true);
            while (interrupter.isAlive()) {
                try {
                    interrupter.join(10);
                } catch (InterruptedException e) {
                    // one of its last interrupts
                }
            }
            Thread.interrupted();
        }
        journal.close();

        // then: an interrupt that cut only the force short used to have the whole line written a second time
        List<String> lines = Files.readAllLines(dir.resolve(Journal.FILE_NAME));
        assertThat(lines).hasSize(entries + 1).doesNotHaveDuplicates();
        assertThat(Journal.read(dir.resolve(Journal.FILE_NAME))).hasSize(entries + 1);
    }

    @Test
    void aTornLastLineIsDroppedWhenTheChannelIsReopened() throws Exception {
        // given
        Journal journal = Journal.open(dir, true);
        journal.append(started("r1"), true);
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"seq\": 2, \"eve", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        // when
        Thread.currentThread().interrupt();
        try {
            journal.append(new JournalEntry.StepStarted("a", 1, null), true);
        } finally {
            Thread.interrupted();
        }
        journal.close();

        // then
        assertThat(Files.readAllLines(dir.resolve(Journal.FILE_NAME))).hasSize(2).allMatch(l -> l.endsWith("}"));
        assertThat(Journal.read(dir.resolve(Journal.FILE_NAME))).extracting(l -> l.entry().getClass().getSimpleName())
                .containsExactly("RunStarted", "StepStarted");
    }

    @Test
    void aLineCarriesItsSequenceTimeFormatVersionAndEventFirst() throws Exception {
        // given
        Journal journal = Journal.open(dir, true);

        // when
        journal.append(started("r1"), true);
        journal.append(new JournalEntry.StepStarted("a", 1, "c0ffee"), true);
        journal.close();

        // then
        List<String> lines = Files.readAllLines(dir.resolve(Journal.FILE_NAME));
        assertThat(lines.get(1)).startsWith("{\"seq\":2,\"at\":\"").contains("\"v\":2,\"event\":\"step_started\",\"step\":\"a\"");
    }

    @Test
    void aJournalOfFormatVersionOneReplaysIntoTheSameModel() throws Exception {
        // given the lines an earlier stepwise wrote (no "v"; background instead of resource_started)
        Files.writeString(dir.resolve(Journal.FILE_NAME), String.join("\n",
                "{\"seq\":1,\"at\":\"2026-11-01T10:00:00Z\",\"event\":\"run_started\",\"run_id\":\"r1\",\"plan_file\":\"/p.yaml\","
                        + "\"plan_name\":\"p\",\"plan_digest\":\"d\",\"step_checksums\":{\"db\":\"1\",\"load\":\"2\"},\"inputs\":{\"n\":3}}",
                "{\"seq\":2,\"at\":\"2026-11-01T10:00:01Z\",\"event\":\"step_started\",\"step\":\"db\",\"attempt\":1}",
                "{\"seq\":3,\"at\":\"2026-11-01T10:00:02Z\",\"event\":\"background\",\"step\":\"db\",\"keep\":false,"
                        + "\"name\":\"db\",\"pid\":4242}",
                "{\"seq\":4,\"at\":\"2026-11-01T10:00:03Z\",\"event\":\"step_completed\",\"step\":\"db\",\"values\":"
                        + "{\"port\":3307,\"uri\":\"s3://b/?secret-access-key=\u00absecret:inputs.key\u00bb\"},\"secret_keys\":[],"
                        + "\"duration_ms\":1200,\"attempts\":1}",
                "{\"seq\":5,\"at\":\"2026-11-01T10:00:04Z\",\"event\":\"step_started\",\"step\":\"load\",\"attempt\":1}",
                "{\"seq\":6,\"at\":\"2026-11-01T10:00:05Z\",\"event\":\"step_failed\",\"step\":\"load\",\"error\":\"boom\","
                        + "\"attempt\":1,\"final\":true,\"duration_ms\":7}",
                "{\"seq\":7,\"at\":\"2026-11-01T10:00:06Z\",\"event\":\"run_finished\",\"status\":\"FAILED\"}") + "\n");

        // when
        RunState state = RunState.replay(dir.resolve(Journal.FILE_NAME));

        // then
        assertThat(state.formatVersion()).isEqualTo(1);
        assertThat(state.runId()).isEqualTo("r1");
        assertThat(state.header().inputs()).containsEntry("n", 3);
        assertThat(state.step("db").status()).isEqualTo(io.stepwise.engine.api.StepStatus.COMPLETED);
        assertThat(state.step("db").values()).containsEntry("port", 3307);
        assertThat(state.step("db").duration()).hasMillis(1200);
        assertThat(state.step("load").status()).isEqualTo(io.stepwise.engine.api.StepStatus.FAILED);
        assertThat(state.step("load").error()).contains("boom");
        assertThat(state.resources()).singleElement().satisfies(r -> {
            assertThat(r.step()).isEqualTo("db");
            assertThat(r.pid()).isEqualTo(4242);
            assertThat(r.lifecycle()).isEqualTo(ResourceState.Lifecycle.RUNNING);
        });
        assertThat(state.finished()).contains(io.stepwise.engine.api.RunStatus.FAILED);
    }

    @Test
    void anUnknownEventIsAClearErrorNamingTheLine() throws Exception {
        // given
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"seq\":1,\"event\":\"teleported\"}\n{\"seq\":2,\"event\":\"note\",\"message\":\"x\"}\n");

        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Journal.read(dir.resolve(Journal.FILE_NAME)))
                .hasMessageContaining("journal.jsonl:1: unknown journal event 'teleported'");
    }

    private static JournalEntry.RunStarted started(String runId) {
        return new JournalEntry.RunStarted(runId, "/plan.yaml", "p", "d", Map.of(), Map.of(), 1L, "h");
    }
}
