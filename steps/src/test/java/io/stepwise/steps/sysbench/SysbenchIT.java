package io.stepwise.steps.sysbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.Probes;
import io.stepwise.steps.tidb.testing.StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sysbench against a stand-in that records its argv and prints sysbench's report (procedure.md 1.2-1.3). */
class SysbenchIT {
    static final String REPORT = "SQL statistics:\n    queries performed:\n        read:                            0\n"
            + "        write:                           4000\n    transactions:                        1000   (99.87 per sec.)\n"
            + "    queries:                             6000   (599.22 per sec.)\n";

    @TempDir
    Path dir;
    private StepHarness harness;

    @BeforeEach
    void start() {
        harness = StepHarness.builder().types(new Sysbench()).runDir(dir.resolve("run"))
                .connection(Probes.mysql("primary", 4000, "up-pw")).build();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Map<String, Object> params(Path sysbench, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connection", "primary");
        params.put("command", List.of(sysbench.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenTheGuidesPrepare_whenRun_thenTheConfigFileAndArgvMatchTheGuide() throws Exception {
        StandIn sysbench = StandIn.named(dir.resolve("bin"), "sysbench").when("prepare", "Creating table 'sbtest1'...", 0);

        harness.execute(new Sysbench(), params(sysbench.write(), "action", "prepare", "tables", 10,
                "table_size", 10000, "rate", 100));

        Path config = dir.resolve("run/sysbench-primary-prepare.cfg");
        assertThat(sysbench.invocations()).containsExactly(List.of("oltp_write_only", "--config-file=" + config,
                "--tables=10", "--table-size=10000", "prepare"));
        assertThat(Files.readString(config)).isEqualTo("mysql-host=127.0.0.1\nmysql-port=4000\nmysql-user=root\n"
                + "mysql-password=up-pw\ndb-driver=mysql\nmysql-db=test\nreport-interval=10\nthreads=10\ntime=0\n"
                + "rate=100\n");
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void givenAPasswordWithCommaSpaceHashAndQuote_whenTheConfigIsWritten_thenSysbenchReadsItBackWhole()
            throws Exception {
        for (String password : List.of("a,b c#d", "#secret", "it's,x", "say \"hi\" now", "tab\tpw", "plain-pw")) {
            StepHarness own = StepHarness.builder().types(new Sysbench()).runDir(dir.resolve("run-" + password.hashCode()))
                    .connection(Probes.mysql("primary", 4000, password)).build();
            Path program = StandIn.named(dir.resolve("bin"), "sysbench").write();

            String file = own.plan(new Sysbench(), params(program, "action", "prepare", "tables", 1)).get(0).block()
                    .orElseThrow();

            assertThat(SysbenchConfigReader.read(file).get("mysql-password")).as(password).containsExactly(password);
            own.close();
        }
        // the old unquoted lines: sysbench splits at ',' and whitespace, and a value starting with '#' is a comment
        assertThat(SysbenchConfigReader.read("mysql-password=a,b c#d\n").get("mysql-password"))
                .containsExactly("a", "b", "c#d");
        assertThat(SysbenchConfigReader.read("mysql-password=#secret\n").get("mysql-password")).isEmpty();
    }

    @Test
    void givenAPasswordWithBothQuotes_whenPlanned_thenRefusedBecauseSysbenchHasNoEscapes() {
        StepHarness own = StepHarness.builder().types(new Sysbench()).runDir(dir.resolve("run-q"))
                .connection(Probes.mysql("primary", 4000, "a'b\"c")).build();

        assertThatThrownBy(() -> own.plan(new Sysbench(), params(dir.resolve("bin/sysbench"), "action", "prepare")))
                .hasMessageContaining("holds both ' and \"");
        own.close();
    }

    @Test
    void givenATimedRun_whenRunInTheForeground_thenTheTpsIsParsed() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "sysbench").when("run", REPORT, 0).write();

        StepResult result = harness.execute(new Sysbench(), params(program, "action", "run", "tables", 3, "time", 10));

        assertThat(result.values()).containsEntry("transactions", 1000L).containsEntry("tps", 99.87)
                .containsEntry("qps", 599.22);
    }

    @Test
    void givenAnEndlessRun_whenRunInTheForeground_thenRefused() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "sysbench").write();

        assertThatThrownBy(() -> harness.execute(new Sysbench(), params(program, "action", "run", "tables", 3)))
                .hasMessageContaining("time 0 runs until stopped");
    }

    @Test
    void givenAnEndlessRun_whenRunInTheBackground_thenItIsRegisteredForTheRunToStop() throws Exception {
        StandIn sysbench = StandIn.named(dir.resolve("bin"), "sysbench").when("run", "", "", 0, "sleep 30");

        StepResult result = harness.executeInBackground(new Sysbench(), params(sysbench.write(), "action", "run",
                "tables", 3));

        assertThat(harness.backgrounds()).hasSize(1);
        assertThat(harness.backgrounds().get(0).keep()).isFalse();
        assertThat(harness.backgrounds().get(0).process().isAlive()).isTrue();
        assertThat(result.values()).containsKey("pid");
        assertThat(sysbench.invocations().get(0)).containsExactly("oltp_write_only",
                "--config-file=" + dir.resolve("run/sysbench-primary-run.cfg"), "--tables=3", "run");
    }

    @Test
    void givenAPassword_whenPlanned_thenTheConfigFileIsShownMasked() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "sysbench").write();

        String rendered = harness.mask(harness.plan(new Sysbench(), params(program, "action", "prepare"))
                .get(0).block().orElseThrow());

        assertThat(rendered).contains("mysql-password=****").doesNotContain("up-pw");
    }
}
