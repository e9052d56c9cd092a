package io.stepwise.steps.br;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.testkit.ParamProblem;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.Probes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules of br.backup and br.restore are refused by validate, naming the parameter, and by bind alike. */
class BrRulesTest {
    private final StepHarness harness = StepHarness.builder().connection(Probes.mysql("primary", 4000, "pw")).build();

    @AfterEach
    void close() {
        harness.close();
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connection", "primary");
        params.put("storage", "s3://backup/dr-1?access-key=minio&endpoint=http://127.0.0.1:6060");
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    private List<ParamProblem> refused(Map<String, Object> params, String parameter) {
        List<ParamProblem> problems = harness.validate(new BrBackup(), params);
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).startsWith(parameter + ":"));
        assertThatThrownBy(() -> harness.bind(new BrBackup(), params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parameter);
        return problems;
    }

    @Test
    void givenASecretInTheStorageUri_whenValidated_thenRefusedNamingStorage() {
        refused(params("storage", "s3://backup/dr-1?access-key=minio&secret-access-key=plain"), "storage");
    }

    @Test
    void givenATableWithoutItsDatabase_whenValidated_thenRefusedNamingTables() {
        refused(params("tables", List.of("sbtest1")), "tables");
        assertThat(harness.validate(new BrBackup(), params("tables", List.of("test.sbtest1")))).isEmpty();
    }

    @Test
    void givenASnapshotThatIsNeitherTsoNorDatetime_whenValidated_thenRefusedNamingSnapshot() {
        refused(params("snapshot", "yesterday"), "snapshot");
        for (String ok : List.of("431434047157698561", "2022-02-25 19:57:59", "5 MINUTE AGO")) {
            assertThat(harness.validate(new BrBackup(), params("snapshot", ok))).as(ok).isEmpty();
        }
    }

    @Test
    void givenAZeroRateLimit_whenValidated_thenRefusedNamingRateLimit() {
        refused(params("rate_limit", 0), "rate_limit");
    }

    @Test
    void givenACliOnlyParameterInSqlMode_whenValidated_thenRefusedNamingIt() {
        refused(params("gc_ttl", 3600), "gc_ttl");
        assertThat(harness.validate(new BrRestore(), params("mode", "cli", "pd", "127.0.0.1:2379",
                "wait_tiflash_ready", true))).anySatisfy(p -> assertThat(p.toString()).startsWith("wait_tiflash_ready:"));
    }
}
