package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        journal.append("run_started", Map.of("run_id", "r1"), true);

        // when the writing thread is interrupted (Ctrl-C) as it appends
        Thread.currentThread().interrupt();
        try {
            journal.append("step_started", Map.of("step", "a"), true);

            // then the entry is written after a fresh open, and the interrupt is still there for the run to see
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        journal.append("step_completed", Map.of("step", "a"), true);
        journal.close();
        assertThat(Journal.read(dir.resolve(Journal.FILE_NAME))).extracting(e -> e.get("event"))
                .containsExactly("run_started", "step_started", "step_completed");
    }

    @Test
    void aTornLastLineIsDroppedWhenTheChannelIsReopened() throws Exception {
        // given
        Journal journal = Journal.open(dir, true);
        journal.append("run_started", Map.of("run_id", "r1"), true);
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"seq\": 2, \"eve", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        // when
        Thread.currentThread().interrupt();
        try {
            journal.append("step_started", Map.of("step", "a"), true);
        } finally {
            Thread.interrupted();
        }
        journal.close();

        // then
        assertThat(Files.readAllLines(dir.resolve(Journal.FILE_NAME))).hasSize(2).allMatch(l -> l.endsWith("}"));
        assertThat(Journal.read(dir.resolve(Journal.FILE_NAME))).extracting(e -> e.get("event"))
                .containsExactly("run_started", "step_started");
    }
}
