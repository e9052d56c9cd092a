package io.stepwise.steps.tiup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.FakeTiCdc;
import io.stepwise.steps.tidb.testing.StandIn;
import io.stepwise.steps.tidb.testing.TcpForward;
import io.stepwise.steps.tidb.testing.TidbMariaDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tiup.playground against a stand-in {@code tiup} (tidb-tooling.md section 7). When the stand-in starts,
 * the test makes "TiDB" answer on 4000+offset (a forward to MariaDB, for SELECT 1) and "TiCDC" on
 * 8300+offset (the fake OpenAPI, 503 until ready). It checks argv, port handling and readiness, not tiup.
 */
class TiupPlaygroundIT {
    @TempDir
    Path dir;
    private StepHarness harness;
    private int offset;
    private TcpForward tidb;
    private FakeTiCdc ticdc;

    @BeforeEach
    void start() {
        TidbMariaDb.get();
        harness = StepHarness.builder().types(new TiupPlayground()).runDir(dir.resolve("run")).build();
        offset = freeOffset();
    }

    @AfterEach
    void stop() throws IOException {
        harness.close();
        if (tidb != null) {
            tidb.close();
        }
        if (ticdc != null) {
            ticdc.close();
        }
    }

    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            PlaygroundConfig config = new PlaygroundConfig(List.of("tiup"), java.util.Optional.empty(),
                    java.util.Optional.empty(), "127.0.0.1", 1, 1, 1, 0, 1, candidate, true, List.of(),
                    java.time.Duration.ofSeconds(1), false, false, java.util.Optional.empty());
            if (config.ports().stream().allMatch(TiupPlaygroundIT::free)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port offset");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Object> params(Path tiup, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("command", List.of(tiup.toString()));
        params.put("version", "v8.5.1");
        params.put("ticdc", 1);
        params.put("port_offset", offset);
        params.put("ready_timeout", "30s");
        params.put("tiup_home", dir.resolve("tiup-home").toString());
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    /** When the stand-in has recorded its argv, TiDB and (after a moment of 503) TiCDC appear. */
    private Thread serveWhenStarted(StandIn tiup) {
        Thread thread = new Thread(() -> {
            try {
                while (!Files.exists(tiup.argvFile())) {
                    Thread.sleep(50);
                }
                tidb = new TcpForward(4000 + offset, TidbMariaDb.get().port());
                ticdc = new FakeTiCdc(8300 + offset, false);
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (ticdc.requests().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                ticdc.ready(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void givenFreePorts_whenStarted_thenTheArgvHasExplicitPortsAndTheStepWaitsForTidbAndTicdc() throws Exception {
        StandIn tiup = StandIn.tiup(dir.resolve("bin")).when("playground", "", "", 0,
                "echo 'TiDB Playground Cluster is started, enjoy!'; exec sleep 60");
        Thread servers = serveWhenStarted(tiup);

        StepResult result = harness.execute(new TiupPlayground(), params(tiup.write(), "tag", "upstream",
                "fresh", true));
        servers.join();

        assertThat(tiup.invocations()).containsExactly(List.of("--tag", "upstream", "playground", "v8.5.1",
                "--host=127.0.0.1", "--db=1", "--pd=1", "--kv=1", "--tiflash=0", "--ticdc=1",
                "--port-offset=" + offset, "--without-monitor"));
        assertThat(result.values()).containsEntry("tidb_host", "127.0.0.1").containsEntry("tidb_port", 4000 + offset)
                .containsEntry("pd_address", "127.0.0.1:" + (2379 + offset))
                .containsEntry("ticdc_url", "http://127.0.0.1:" + (8300 + offset));
        assertThat(ticdc.requests()).extracting(FakeTiCdc.Request::path).allMatch("/api/v2/status"::equals);
        assertThat(ticdc.requests()).hasSizeGreaterThan(1);
        assertThat(harness.backgrounds()).hasSize(1);
        assertThat(harness.backgrounds().get(0).keep()).isFalse();
        var playground = harness.backgrounds().get(0).process();
        assertThat(playground.isAlive()).isTrue();

        harness.close();

        assertThat(playground.isAlive()).as("stopped at teardown").isFalse();
    }

    @Test
    void givenTheTagWrittenAsOneWordBeforeTheComponent_whenTiupReadsIt_thenItIsAnUnknownComponent() throws Exception {
        Path program = StandIn.tiup(dir.resolve("bin")).when("playground", "started", 0).write();

        Process old = new ProcessBuilder(program.toString(), "--tag=upstream", "playground", "v8.5.1")
                .redirectErrorStream(true).start();
        String oldOutput = new String(old.getInputStream().readAllBytes());
        Process now = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of(program.toString()),
                TiupPlayground.args(harness.bind(new TiupPlayground(), Map.of("tag", "upstream",
                        "version", "v8.5.1"))).stream()).toList())
                .redirectErrorStream(true).start();
        String nowOutput = new String(now.getInputStream().readAllBytes());

        assertThat(old.waitFor()).isEqualTo(1);
        assertThat(oldOutput).contains("Error: unknown component");
        assertThat(now.waitFor()).isZero();
        assertThat(nowOutput).contains("started");
    }

    @Test
    void givenFreshAndATagWhoseDataDirExists_whenStarted_thenRefusedBeforeTiupRunsBecauseItIsTheOldCluster()
            throws Exception {
        StandIn tiup = StandIn.tiup(dir.resolve("bin"));
        Path program = tiup.write();
        Files.createDirectories(dir.resolve("tiup-home/data/upstream/tikv-0"));

        assertThatThrownBy(() -> harness.execute(new TiupPlayground(), params(program, "tag", "upstream",
                "fresh", true)))
                .hasMessageContaining("the data dir of tag 'upstream' exists")
                .hasMessageContaining("old changefeeds");
        assertThat(tiup.invocations()).isEmpty();
    }

    @Test
    void givenABusyControlPort_whenStarted_thenRefusedBeforeTiupRuns() throws Exception {
        StandIn tiup = StandIn.tiup(dir.resolve("bin"));
        Path program = tiup.write();
        try (ServerSocket busy = new ServerSocket(9527 + offset, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> harness.execute(new TiupPlayground(), params(program)))
                    .hasMessageContaining("ports [" + (9527 + offset) + "] are busy");
        }
        assertThat(tiup.invocations()).isEmpty();
    }

    @Test
    void givenTheStatusPortBusyOnAnotherLoopbackAddress_whenStarted_thenRefusedBecauseTidbBindsEveryAddress()
            throws Exception {
        StandIn tiup = StandIn.tiup(dir.resolve("bin"));
        Path program = tiup.write();
        try (ServerSocket busy = new ServerSocket(10080 + offset, 1, InetAddress.getByName("127.0.0.2"))) {
            assertThatThrownBy(() -> harness.execute(new TiupPlayground(), params(program)))
                    .hasMessageContaining("ports [" + (10080 + offset) + "] are busy on 127.0.0.1 or 0.0.0.0");
        }
        assertThat(tiup.invocations()).isEmpty();
    }

    @Test
    void givenABusyTidbPort_whenStarted_thenRefusedBeforeTiupRunsBecauseItWouldSilentlyMove() throws Exception {
        StandIn tiup = StandIn.tiup(dir.resolve("bin"));
        Path program = tiup.write();
        try (ServerSocket busy = new ServerSocket(4000 + offset, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> harness.execute(new TiupPlayground(), params(program)))
                    .hasMessageContaining("ports [" + (4000 + offset) + "] are busy")
                    .hasMessageContaining("silently pick random ports");
        }
        assertThat(tiup.invocations()).isEmpty();
    }

    @Test
    void givenAPlaygroundThatExits_whenStarted_thenItsOutputIsInTheFailure() throws Exception {
        Path program = StandIn.tiup(dir.resolve("bin")).when("playground", "",
                "Error: component tidb not installed", 1, "").write();

        assertThatThrownBy(() -> harness.execute(new TiupPlayground(), params(program)))
                .hasMessageContaining("exited before it was ready").hasMessageContaining("component tidb not installed");
    }
}
