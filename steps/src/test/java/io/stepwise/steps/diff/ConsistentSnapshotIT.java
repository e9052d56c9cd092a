package io.stepwise.steps.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.steps.testing.LocalMariaDb;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code snapshot_*: consistent} on MariaDB: the diff's sessions of one side read one snapshot. With a
 * binlog, every session is opened at once and kept only at one binlog position, so the side reads in
 * parallel; without one, nothing tells whether separate snapshots match, so one session reads.
 */
class ConsistentSnapshotIT {
    private static LocalMariaDb withBinlog;
    private static LocalMariaDb withoutBinlog;

    @BeforeAll
    static void startServers() {
        withBinlog = LocalMariaDb.replicationNode("snapshot-binlog", 71);
        withoutBinlog = LocalMariaDb.start("snapshot-plain", List.of());
        for (LocalMariaDb server : List.of(withBinlog, withoutBinlog)) {
            server.exec("CREATE TABLE test.t (id INT PRIMARY KEY)", "INSERT INTO test.t VALUES (1), (2), (3)");
        }
    }

    @AfterAll
    static void stopServers() {
        for (LocalMariaDb server : new LocalMariaDb[] {withBinlog, withoutBinlog}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** What each of {@code threads} concurrent calls saw: its session id, its snapshot's position and the row count. */
    private static List<String> readTogether(Side side, int threads, Runnable betweenOpenAndRead) throws Exception {
        CountDownLatch allIn = new CountDownLatch(threads);
        CountDownLatch written = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> side.call(c -> {
                    allIn.countDown();
                    try {
                        written.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), (SELECT COUNT(*) FROM test.t)")) {
                        rs.next();
                        String line = "session " + rs.getLong(1) + " rows " + rs.getLong(2);
                        return line;
                    }
                })));
            }
            assertThat(allIn.await(20, TimeUnit.SECONDS)).as("every call holds a session at once").isTrue();
            betweenOpenAndRead.run();
            written.countDown();
            List<String> lines = new ArrayList<>();
            for (Future<String> call : calls) {
                lines.add(call.get(60, TimeUnit.SECONDS));
            }
            return lines;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenABinlog_whenConsistent_thenEverySessionReadsTheSameSnapshotInParallel() throws Exception {
        try (Side side = new Side("source", withBinlog.connection("up", "test"), Optional.of(DiffConfig.CONSISTENT), 4)) {
            List<String> lines = readTogether(side, 4, () -> withBinlog.exec("INSERT INTO test.t VALUES (100)"));

            assertThat(side.sessions()).isEqualTo(4);
            assertThat(lines).as("four sessions, none sees the row written after the snapshot")
                    .allSatisfy(line -> assertThat(line).endsWith("rows 3"))
                    .extracting(line -> line.split(" ")[1]).doesNotHaveDuplicates();
        } finally {
            withBinlog.exec("DELETE FROM test.t WHERE id = 100");
        }
    }

    @Test
    void givenNoBinlog_whenConsistent_thenOneSessionReadsEverything() throws Exception {
        try (Side side = new Side("source", withoutBinlog.connection("up", "test"), Optional.of(DiffConfig.CONSISTENT), 4)) {
            side.call(c -> 1); // opens the side
            assertThat(side.sessions()).isEqualTo(1);
        }
    }
}
