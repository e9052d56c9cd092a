package io.stepwise.steps.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.embedded.Jdbc;
import io.stepwise.steps.mariadb.local.MariaDbLocalStep;
import io.stepwise.steps.mysql.dump.MysqlDumpStep;
import io.stepwise.steps.mysql.load.MysqlLoadStep;
import io.stepwise.steps.s3.local.S3LocalStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore of the quickstart on real servers: a primary with binlog and GTID, a secondary with its own
 * binlog, S3Proxy between them. The connections carry a password (accepted by servers without grant tables) to
 * show it never reaches argv, the plan or the progress lines.
 */
class DumpLoadIT {
    private static final String PASSWORD = "pw-never-in-argv";
    private static final int ROWS = 5000;

    @TempDir
    static Path runDir;

    private static final MariaDbLocalStep MARIADB = new MariaDbLocalStep();
    private static final S3LocalStep S3_LOCAL = new S3LocalStep();
    private static final MysqlDumpStep DUMP = new MysqlDumpStep();
    private static final MysqlLoadStep LOAD = new MysqlLoadStep();
    private static StepHarness harness;
    private static int primary;
    private static int secondary;
    private static String uriOptions;

    @BeforeAll
    static void startServersAndSeedThePrimary() throws Exception {
        primary = ListeningPort.closedPort();
        secondary = ListeningPort.closedPort();
        harness = StepHarness.builder().types(MARIADB, S3_LOCAL, DUMP, LOAD).runDir(runDir)
                .connection(mysql("primary", primary)).connection(mysql("secondary", secondary))
                .connection(mysql("nobody", ListeningPort.closedPort())).build();
        long begin = System.nanoTime();
        harness.execute(MARIADB, Map.of("name", "primary", "port", primary, "server_id", 1, "binlog", true,
                "gtid_strict_mode", true, "log_slave_updates", true));
        harness.execute(MARIADB, Map.of("name", "secondary", "port", secondary, "server_id", 2, "binlog", true,
                "gtid_strict_mode", true, "log_slave_updates", true, "read_only", true));
        System.out.printf("two mariadb.local starts: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        StepResult s3 = harness.execute(S3_LOCAL, Map.of("name", "minio", "port", ListeningPort.closedPort(),
                "buckets", List.of("backup")));
        uriOptions = String.valueOf(s3.values().get("uri_options"));
        Jdbc.run(primary,
                "CREATE DATABASE shop",
                "USE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(40), amount DECIMAL(10,2), note BLOB)",
                "INSERT INTO shop.orders SELECT seq, CONCAT('item-', seq), seq * 1.25, UNHEX(MD5(seq)) FROM seq_1_to_" + ROWS,
                "CREATE DATABASE bank",
                "CREATE TABLE bank.accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
                "INSERT INTO bank.accounts SELECT seq, 1000 FROM seq_1_to_100",
                "UPDATE bank.accounts SET balance = balance - 10 WHERE id = 1",
                "UPDATE bank.accounts SET balance = balance + 10 WHERE id = 2");
    }

    private static ConnectionInfo mysql(String name, int port) {
        return new ConnectionInfo(name, "mysql", Map.of("host", "127.0.0.1", "port", port, "user", "root",
                "password", PASSWORD));
    }

    @AfterAll
    static void stopAll() {
        harness.close();
    }

    @Test
    void givenAPrimaryWithData_whenDumpedToS3AndLoadedIntoTheSecondary_thenTheDataMatchesAndThePositionIsTheDumps()
            throws Exception {
        String gtidBefore = Jdbc.value(primary, "SELECT @@gtid_binlog_pos");
        String secondaryGtidBefore = Jdbc.value(secondary, "SELECT @@gtid_binlog_pos");

        long begin = System.nanoTime();
        StepResult dump = harness.execute(DUMP, Map.of("connection", "primary", "to", "s3://backup/quickstart/?" + uriOptions));
        long dumped = System.nanoTime();
        StepResult load = harness.execute(LOAD, Map.of("connection", "secondary", "from", dump.values().get("location")));
        System.out.printf("mysql.dump of %d rows to S3: %d ms, mysql.load from S3: %d ms (%d bytes)%n", ROWS + 100,
                (dumped - begin) / 1_000_000, (System.nanoTime() - dumped) / 1_000_000, dump.values().get("bytes"));

        assertThat(dump.values().get("gtid_position")).isEqualTo(gtidBefore).asString().startsWith("0-1-");
        assertThat(dump.values().get("binlog_file")).asString().startsWith("primary-bin.");
        assertThat((Long) dump.values().get("binlog_position")).isPositive();
        assertThat((Long) dump.values().get("bytes")).isGreaterThan(ROWS * 20L);
        assertThat(dump.values().get("location")).asString().startsWith("s3://backup/quickstart/step.sql?");
        assertThat(load.values()).containsEntry("bytes", dump.values().get("bytes"));
        assertThat(Jdbc.count(secondary, "shop.orders")).isEqualTo(ROWS);
        assertThat(Jdbc.value(secondary, "SELECT SUM(balance) FROM bank.accounts"))
                .isEqualTo(Jdbc.value(primary, "SELECT SUM(balance) FROM bank.accounts"));
        assertThat(checksum(secondary, "shop.orders")).isEqualTo(checksum(primary, "shop.orders"));
        assertThat(Jdbc.value(secondary, "SELECT @@gtid_binlog_pos")).as("the load wrote no binlog on the secondary")
                .isEqualTo(secondaryGtidBefore);
        assertThat(Jdbc.value(secondary, "SHOW DATABASES LIKE 'mysql'")).as("system schemas are not dumped")
                .isEqualTo("mysql");
        assertThat(harness.progress()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(Files.list(runDir.resolve("tmp")).toList()).as("option files and downloads are removed").isEmpty();
    }

    private static String checksum(int port, String table) throws Exception {
        try (var c = Jdbc.open(port); var s = c.createStatement(); var rs = s.executeQuery("CHECKSUM TABLE " + table)) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Test
    void givenOneDatabase_whenDumpedToAFile_thenTheGtidLineAtTheEndIsParsedAndMatchesThePrimary() throws Exception {
        Jdbc.run(primary, "INSERT INTO bank.accounts VALUES (1001, 5)");
        String gtid = Jdbc.value(primary, "SELECT @@gtid_binlog_pos");
        Path file = runDir.resolve("dumps/bank.sql");

        StepResult dump = harness.execute(DUMP, Map.of("connection", "primary", "databases", List.of("bank"),
                "to", file.toString()));

        String text = Files.readString(file);
        assertThat(text.substring(text.lastIndexOf("CREATE TABLE"))).contains("-- SET GLOBAL gtid_slave_pos='" + gtid + "';");
        assertThat(text).doesNotContain("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop`");
        assertThat(dump.values()).containsEntry("gtid_position", gtid).containsEntry("location", file.toString());
        assertThat(DumpPosition.read(file).gtid()).contains(gtid);
    }

    @Test
    void givenAConnectionWithAPassword_whenPlanned_thenNoActionShowsIt() {
        List<Action> plan = harness.plan(DUMP, Map.of("connection", "primary", "to", "s3://backup/x.sql?" + uriOptions));
        plan.addAll(harness.plan(LOAD, Map.of("connection", "secondary", "from", "s3://backup/x.sql?" + uriOptions)));

        assertThat(plan).allSatisfy(a -> assertThat(a.summary() + a.fields() + a.block().orElse(""))
                .doesNotContain(PASSWORD).doesNotContain("stepwise-secret"));
        assertThat(plan).anySatisfy(a -> assertThat(a.summary()).contains("--defaults-file=").contains("--master-data=2"));
    }

    @Test
    void givenAServerWithoutBinlog_whenDumpedWithItsPosition_thenTheErrorSaysToTurnOnTheBinlog() {
        int plain = ListeningPort.closedPort();
        harness.execute(MARIADB, Map.of("name", "plain", "port", plain));
        StepHarness local = StepHarness.builder().types(DUMP).runDir(runDir).connection(mysql("plain", plain)).build();

        assertThatThrownBy(() -> local.execute(DUMP, Map.of("connection", "plain", "to", runDir.resolve("plain.sql").toString())))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("mariadb-dump failed")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).as(e.getMessage()).get().asString()
                        .contains("binlog: true"));
    }

    @Test
    void givenNoServerAtTheConnection_whenDumped_thenTheErrorAsksWhetherItRuns() {
        assertThatThrownBy(() -> harness.execute(DUMP, Map.of("connection", "nobody", "to", runDir.resolve("x.sql").toString())))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Can't connect")
                .hasMessageNotContaining(PASSWORD)
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("is the server running"));
    }

    @Test
    void givenADumpWithABadStatement_whenLoaded_thenTheStepFailsWithTheServersError() throws Exception {
        Path bad = Files.writeString(runDir.resolve("bad.sql"), "CREATE DATABASE IF NOT EXISTS scratch;\n"
                + "CREATE TABLE scratch.t (id INT PRIMARY KEY);\nINSERT INTO scratch.t VALUES (1),(1);\n");

        assertThatThrownBy(() -> harness.execute(LOAD, Map.of("connection", "secondary", "from", bad.toString())))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("mariadb failed with exit code 1")
                .hasMessageContaining("Duplicate entry '1'");
    }

    @Test
    void givenAMissingDumpObject_whenLoaded_thenTheErrorNamesTheObject() {
        assertThatThrownBy(() -> harness.execute(LOAD, Map.of("connection", "secondary",
                "from", "s3://backup/nothing-here.sql?" + uriOptions)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageStartingWith("no object s3://backup/nothing-here.sql");
    }
}
