package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.br.BrBackup;
import io.stepwise.steps.br.BrRestore;
import io.stepwise.steps.cdc.CdcChangefeed;
import io.stepwise.steps.cdc.CdcRedoApply;
import io.stepwise.steps.cdc.CdcRedoMeta;
import io.stepwise.steps.sysbench.Sysbench;
import io.stepwise.steps.syncdiff.SyncDiff;
import io.stepwise.steps.tidb.testing.FakeTiCdc;
import io.stepwise.steps.tidb.testing.Probes;
import io.stepwise.steps.tidb.testing.StandIn;
import io.stepwise.steps.tiup.TiupPlayground;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Every TiDB step type passes the shared step contract (registered, described, plan without side effects). */
class TidbStepTypesContractTest {
    private static final ConnectionInfo PRIMARY = Probes.mysql("primary", ListeningPort.closedPort(), "pw");
    private static final ConnectionInfo SECONDARY = Probes.mysql("secondary", ListeningPort.closedPort(), "pw");

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private static StandIn standIn(Path dir, String name) {
        try {
            StandIn standIn = StandIn.named(dir.resolve("bin"), name);
            standIn.write();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FakeTiCdc cdc() {
        try {
            return new FakeTiCdc();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class Gc extends StepTypeContract {
        protected StepType<?> stepType() {
            return new TidbGc();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(PRIMARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("connection", "primary", "action", "disable");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("connection", "primary", "action", "off");
        }

        protected String invalidParameter() {
            return "action";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            return Probes.sql("upstream", map("connection", "upstream", "action", "disable"), dir);
        }
    }

    @Nested
    class FenceUser extends StepTypeContract {
        protected StepType<?> stepType() {
            return new TidbFenceUser();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(SECONDARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("connection", "secondary", "user", "cdc_sink");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("connection", "secondary");
        }

        protected String invalidParameter() {
            return "user";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            return Probes.sql("downstream", map("connection", "downstream", "user", "cdc_sink"), dir);
        }
    }

    @Nested
    class CurrentTso extends StepTypeContract {
        protected StepType<?> stepType() {
            return new TidbTso();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(PRIMARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("connection", "primary");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("connection", "nowhere");
        }

        protected String invalidParameter() {
            return "connection";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            return Probes.sql("upstream", map("connection", "upstream"), dir);
        }
    }

    @Nested
    class Backup extends StepTypeContract {
        protected StepType<?> stepType() {
            return new BrBackup();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(PRIMARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("connection", "primary", "storage", "local:///tmp/backup-1");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("connection", "primary", "storage", "s3://backup/x?access-key=a&secret-access-key=b");
        }

        protected String invalidParameter() {
            return "storage";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            return Probes.sql("upstream", map("connection", "upstream", "storage", "s3://backup/run-1?access-key=minio"
                    + "&endpoint=http://127.0.0.1:6060&force-path-style=true", "secret_access_key", "miniostorage",
                    "rate_limit", 120), dir);
        }
    }

    @Nested
    class Restore extends StepTypeContract {
        protected StepType<?> stepType() {
            return new BrRestore();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(PRIMARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("connection", "primary", "storage", "local:///tmp/backup-1");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("mode", "cli", "storage", "local:///tmp/backup-1");
        }

        protected String invalidParameter() {
            return "pd";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            return Probes.sql("downstream", map("connection", "downstream", "storage", "local:///tmp/backup-1"), dir);
        }
    }

    @Nested
    class Changefeed extends StepTypeContract {
        protected StepType<?> stepType() {
            return new CdcChangefeed();
        }

        protected Map<String, Object> minimalValidParams() {
            return map("action", "query", "server", "http://127.0.0.1:8300", "changefeed_id", "dr-primary");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("action", "query", "server", "http://127.0.0.1:8300", "changefeed_id", "dr_primary");
        }

        protected String invalidParameter() {
            return "changefeed_id";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            FakeTiCdc cdc = cdc();
            return Probes.exec(standIn(dir, "cdc"), map("action", "create", "server", cdc.url(), "changefeed_id",
                    "dr-primary", "sink_uri", "mysql://root@127.0.0.1:4001/", "sink_password", "pw",
                    "start_ts", 431434047157698561L, "redo_storage", "s3://redo/dr"), List.of(), cdc);
        }
    }

    @Nested
    class ChangefeedCli extends StepTypeContract {
        protected StepType<?> stepType() {
            return new CdcChangefeed();
        }

        protected Map<String, Object> minimalValidParams() {
            return map("action", "wait", "server", "http://127.0.0.1:8300", "changefeed_id", "dr-primary");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("action", "create", "server", "http://127.0.0.1:8300", "changefeed_id", "dr-primary",
                    "sink_uri", "mysql://root@127.0.0.1:4001/");
        }

        protected String invalidParameter() {
            return "start_ts";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            StandIn cdc = standIn(dir, "cdc");
            return Probes.exec(cdc, map("action", "create", "via", "cli", "command", List.of(dir.resolve("bin/cdc")
                    .toString()), "server", "http://127.0.0.1:8300", "changefeed_id", "dr-primary", "sink_uri",
                    "mysql://root@127.0.0.1:4001/", "start_ts", 431434047157698561L, "redo_storage", "s3://redo/dr",
                    "upstream", "primary"), List.of(PRIMARY), null);
        }
    }

    @Nested
    class RedoMeta extends StepTypeContract {
        protected StepType<?> stepType() {
            return new CdcRedoMeta();
        }

        protected Map<String, Object> minimalValidParams() {
            return map("storage", "s3://redo/dr", "changefeed_id", "dr-primary");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("changefeed_id", "dr-primary");
        }

        protected String invalidParameter() {
            return "storage";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            StandIn cdc = standIn(dir, "cdc");
            return Probes.exec(cdc, map("storage", "s3://redo/dr", "changefeed_id", "dr-primary", "command",
                    List.of(dir.resolve("bin/cdc").toString())), List.of(), null);
        }
    }

    @Nested
    class RedoApply extends StepTypeContract {
        protected StepType<?> stepType() {
            return new CdcRedoApply();
        }

        protected Map<String, Object> minimalValidParams() {
            return map("storage", "s3://redo/dr", "changefeed_id", "dr-primary", "sink_uri", "mysql://root@127.0.0.1:4001/");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("storage", "s3://redo/dr", "changefeed_id", "dr-primary", "sink_uri", "kafka://127.0.0.1:9092/t");
        }

        protected String invalidParameter() {
            return "sink_uri";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            StandIn cdc = standIn(dir, "cdc");
            FakeTiCdc server = cdc();
            return Probes.exec(cdc, map("storage", "s3://redo/dr", "changefeed_id", "dr-primary", "sink_uri",
                    "mysql://root@127.0.0.1:4001/", "ticdc_url", server.url(), "command",
                    List.of(dir.resolve("bin/cdc").toString())), List.of(), server);
        }
    }

    @Nested
    class Playground extends StepTypeContract {
        protected StepType<?> stepType() {
            return new TiupPlayground();
        }

        protected Map<String, Object> minimalValidParams() {
            return map();
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("port_offset", 60000);
        }

        protected String invalidParameter() {
            return "port_offset";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            StandIn tiup = standIn(dir, "tiup");
            return Probes.exec(tiup, map("command", List.of(dir.resolve("bin/tiup").toString()), "ticdc", 1,
                    "port_offset", 10000), List.of(), null);
        }
    }

    @Nested
    class SysbenchContract extends StepTypeContract {
        protected StepType<?> stepType() {
            return new Sysbench();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(PRIMARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("action", "prepare", "connection", "primary");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("action", "load", "connection", "primary");
        }

        protected String invalidParameter() {
            return "action";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            StandIn sysbench = standIn(dir, "sysbench");
            return Probes.exec(sysbench, map("action", "prepare", "connection", "primary", "tables", 10,
                    "table_size", 10000, "command", List.of(dir.resolve("bin/sysbench").toString())),
                    List.of(PRIMARY), null);
        }
    }

    @Nested
    class SyncDiffContract extends StepTypeContract {
        protected StepType<?> stepType() {
            return new SyncDiff();
        }

        protected List<ConnectionInfo> connections() {
            return List.of(PRIMARY, SECONDARY);
        }

        protected Map<String, Object> minimalValidParams() {
            return map("source", "primary", "target", "secondary");
        }

        protected Map<String, Object> minimalInvalidParams() {
            return map("source", "primary", "target", "secondary", "source_snapshot", "auto");
        }

        protected String invalidParameter() {
            return "target_snapshot";
        }

        protected SideEffectProbe sideEffectProbe(Path dir) {
            StandIn tool = standIn(dir, "sync_diff_inspector");
            return Probes.exec(tool, map("source", "primary", "target", "secondary", "source_snapshot",
                    "431434047157698561", "target_snapshot", "431434141450371074", "command",
                    List.of(dir.resolve("bin/sync_diff_inspector").toString())), List.of(PRIMARY, SECONDARY), null);
        }
    }
}
