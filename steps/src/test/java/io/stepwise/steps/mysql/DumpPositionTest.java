package io.stepwise.steps.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpPositionTest {
    private static final String MARIADB_HEAD = """
            -- MariaDB dump 10.19-11.4.5-MariaDB, for Linux (x86_64)
            --
            -- Position to start replication or point-in-time recovery from
            --

            -- CHANGE MASTER TO MASTER_LOG_FILE='primary-bin.000002', MASTER_LOG_POS=2730;

            --
            -- GTID to start replication from
            --

            -- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;
            """;
    private static final String MARIADB_TAIL = """
            -- The deferred gtid setting for slave corresponding to the master-data CHANGE-MASTER follows
            -- Preferably use GTID to start replication from GTID position:

            -- SET GLOBAL gtid_slave_pos='0-1-13,1-1-4';
            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
            -- Dump completed on 2026-11-24  6:30:00
            """;

    @Test
    void givenAMariaDbDump_whenParsed_thenTheCoordinatesComeFromTheHeadAndTheGtidFromTheTail() {
        DumpPosition position = DumpPosition.parse(MARIADB_HEAD, MARIADB_TAIL);

        assertThat(position.binlogFile()).contains("primary-bin.000002");
        assertThat(position.binlogPosition()).contains(2730L);
        assertThat(position.gtid()).contains("0-1-13,1-1-4");
    }

    @Test
    void givenALargeDump_whenRead_thenOnlyItsHeadAndTailAreNeeded(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("dump.sql");
        String filler = "INSERT INTO t VALUES (1,'SET GLOBAL gtid_slave_pos=''9-9-9''');\n".repeat(20_000);
        Files.writeString(dump, MARIADB_HEAD + filler + MARIADB_TAIL);

        DumpPosition position = DumpPosition.read(dump);

        assertThat(Files.size(dump)).isGreaterThan(2L * DumpPosition.WINDOW);
        assertThat(position.gtid()).contains("0-1-13,1-1-4");
        assertThat(position.binlogPosition()).contains(2730L);
    }

    @Test
    void givenAServerWithNoTransactionYet_whenParsed_thenTheGtidIsEmptyTextNotMissing() {
        DumpPosition position = DumpPosition.parse(MARIADB_HEAD, "-- SET GLOBAL gtid_slave_pos='';\n");

        assertThat(position.gtid()).contains("");
        assertThat(position.isEmpty()).isFalse();
    }

    @Test
    void givenAMysqlDump_whenParsed_thenGtidPurgedAndTheSourceCoordinatesAreRead() {
        String head = """
                SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5,
                4E11FA47-71CA-11E1-9E33-C80AA9429562:1-3';
                -- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000003', SOURCE_LOG_POS=157;
                """;

        DumpPosition position = DumpPosition.parse(head, "-- Dump completed\n");

        assertThat(position.gtid()).contains("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5,4E11FA47-71CA-11E1-9E33-C80AA9429562:1-3");
        assertThat(position.binlogFile()).contains("binlog.000003");
        assertThat(position.binlogPosition()).contains(157L);
    }

    @Test
    void givenADumpWithoutPosition_whenParsed_thenItIsEmpty() {
        assertThat(DumpPosition.parse("-- MariaDB dump\nCREATE TABLE t (id INT);\n").isEmpty()).isTrue();
    }
}
