package io.stepwise.steps.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.steps.testing.LocalMariaDb;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A diff side without a snapshot: its sessions open ahead, while the catalog is read, and several at
 * once, but never more than the side's size however many calls wait for one.
 */
class SideSessionsIT {
    private static LocalMariaDb server;

    @BeforeAll
    static void startServer() {
        server = LocalMariaDb.start("side-sessions", List.of());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sessionsOpenAheadAndManyCallsAtOnceShareTheSidesFour() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (Side side = new Side("source", server.connection("up", "test"), Optional.empty(), 4)) {
            // when
            side.openAhead(pool);

            // then all but the one the catalog takes open without a call
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (side.sessions() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(side.sessions()).isEqualTo(3);

            // when sixteen calls want a session at once
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(pool.submit(() -> side.call(c -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), SLEEP(0.05)")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                })));
            }
            List<Long> sessionIds = new ArrayList<>();
            for (Future<Long> call : calls) {
                sessionIds.add(call.get(60, TimeUnit.SECONDS));
            }

            // then they took turns on four sessions
            assertThat(side.sessions()).isEqualTo(4);
            assertThat(sessionIds.stream().distinct().count()).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServerThatCannotBeReachedFailsTheCallNotTheSessionsOpenedAhead() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> settings = new LinkedHashMap<>(server.connection("down", "test").settings());
        settings.put("port", (long) closedPort);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Side side = new Side("target", new ConnectionInfo("down", "mysql", settings), Optional.empty(), 4)) {
            // when
            side.openAhead(pool);

            // then
            assertThatThrownBy(() -> side.call(c -> 1)).isInstanceOf(StepFailedException.class)
                    .hasMessageStartingWith("cannot connect to ");
            assertThat(side.sessions()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
