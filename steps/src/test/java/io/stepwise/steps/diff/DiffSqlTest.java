package io.stepwise.steps.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.steps.diff.TableMeta.Column;
import io.stepwise.steps.diff.TableMeta.Kind;
import io.stepwise.steps.diff.TableMeta.KeyKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffSqlTest {
    private static final Column ID = new Column("id", "int", "int(11)", false, Kind.INTEGER, "");
    private static final Column LINE = new Column("line", "int", "int(11)", false, Kind.INTEGER, "");
    private static final Column NAME = new Column("name", "varchar", "varchar(20)", true, Kind.TEXT, "utf8mb4");
    private static final Column DATA = new Column("data", "blob", "blob", true, Kind.BINARY, "");

    @Test
    void checksumHashesEveryColumnOnceWithNullBitmapAndTextLengths() {
        TableMeta t = new TableMeta("db", "t", List.of(ID, NAME, DATA), List.of(ID), KeyKind.PRIMARY);

        assertThat(DiffSql.checksum(t, new KeyRange(List.of(1L), List.of(100L)), DiffConfig.Algorithm.MD5)).isEqualTo(
                "SELECT COUNT(*) AS cnt, COALESCE(BIT_XOR(CAST(CONV(LEFT(MD5(CONCAT_WS(',', `id`,"
                        + " CAST(`name` AS BINARY), `data`, CONCAT(ISNULL(`name`), ISNULL(`data`)), LENGTH(`name`))),"
                        + " 16), 16, 10) AS UNSIGNED)), 0) AS crc FROM `db`.`t` WHERE `id` >= ? AND `id` < ?");
    }

    @Test
    void compositeKeyRangesExpandTupleComparisons() {
        KeyRange range = new KeyRange(List.of(1, 2), null);

        assertThat(range.where(List.of(ID, LINE))).isEqualTo(
                "`id` >= ? AND ((`id` > ?) OR (`id` = ? AND `line` >= ?))");
        assertThat(KeyRange.where(List.of(ID, LINE), false, true)).isEqualTo(
                "`id` <= ? AND ((`id` < ?) OR (`id` = ? AND `line` < ?))");
        assertThat(KeyRange.ALL.where(List.of(ID))).isEqualTo("1 = 1");
    }

    @Test
    void fixSqlDeletesByKeyAndReplacesWithPortableLiterals() {
        TableMeta t = new TableMeta("db", "t`x", List.of(ID, NAME, DATA), List.of(ID), KeyKind.PRIMARY);

        assertThat(FixSqlWriter.delete(t, List.of("7", "a", new byte[] {1})))
                .isEqualTo("DELETE FROM `db`.`t``x` WHERE `id` = '7';");
        assertThat(FixSqlWriter.replace(t, java.util.Arrays.asList("7", "O'Brien \\ ü", null))).isEqualTo(
                "REPLACE INTO `db`.`t``x` (`id`, `name`, `data`) VALUES ('7', _utf8mb4 X'4f27427269656e205c20c3bc',"
                        + " NULL);");
        assertThat(FixSqlWriter.literal(new byte[] {0, (byte) 0xff})).isEqualTo("X'00ff'");
        assertThat(FixSqlWriter.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void tablePatternsMatchSchemaAndTableGlobs() {
        assertThat(TablePattern.parse("test.*").matches("test", "orders")).isTrue();
        assertThat(TablePattern.parse("test.ord?rs").matches("test", "orders")).isTrue();
        assertThat(TablePattern.parse("test.o*").matches("other", "orders")).isFalse();
        assertThat(TablePattern.parse("*.t1").matches("a", "t1")).isTrue();
    }
}
