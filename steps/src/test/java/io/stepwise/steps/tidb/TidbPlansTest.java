package io.stepwise.steps.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of tidb-tooling.md section 9 that are about how plans/tidb put the steps together, checked
 * on the committed plans: GC held on the cluster a BackupTS belongs to until every read at it is done
 * (item 5: BR's own hold ends with the backup), nothing written to a primary by default (sysbench),
 * no RATE_LIMIT by default, and every changefeed create listing ineligible tables and guarding its
 * redo host.
 */
class TidbPlansTest {
    private static final Pattern BACKUP_TS = Pattern.compile("\\$\\{steps\\.([a-z_]+)\\.backup_ts");

    static Stream<Path> plans() throws IOException {
        Path dir = Path.of("..", "plans", "tidb");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path plan) throws IOException {
        return (Map<String, Object>) new io.stepwise.engine.internal.YamlLoader().load(plan).root().toPlain();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> plan) {
        return (List<Map<String, Object>>) plan.get("steps");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> step) {
        return (Map<String, Object>) step.getOrDefault("with", Map.of());
    }

    /** The connection a read at a BackupTS reads the BackupTS's cluster through, or null when the step reads none. */
    private static String readsBackupTsOn(Map<String, Object> step) {
        Map<String, Object> with = with(step);
        return switch (String.valueOf(step.get("type"))) {
            case "sync-diff" -> refersToBackupTs(with.get("source_snapshot")) ? (String) with.get("source") : null;
            case "diff" -> refersToBackupTs(with.get("snapshot_source")) ? (String) with.get("source") : null;
            case "cdc.changefeed" -> "create".equals(with.get("action")) && refersToBackupTs(with.get("start_ts"))
                    ? (String) with.get("upstream") : null;
            default -> null;
        };
    }

    private static boolean refersToBackupTs(Object value) {
        return value != null && BACKUP_TS.matcher(String.valueOf(value)).find();
    }

    private static boolean gc(Map<String, Object> step, String connection, String action) {
        return "tidb.gc".equals(step.get("type")) && connection.equals(with(step).get("connection"))
                && action.equals(with(step).get("action"));
    }

    @ParameterizedTest
    @MethodSource("plans")
    void everyReadAtABackupTsHappensWhileGcIsOffOnThatCluster(Path file) throws IOException {
        List<Map<String, Object>> steps = steps(load(file));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String connection = readsBackupTsOn(steps.get(i));
            if (connection == null) {
                continue;
            }
            Matcher m = BACKUP_TS.matcher(String.valueOf(with(steps.get(i)).values()));
            m.find();
            String backup = m.group(1);
            int backupAt = -1;
            int offAt = -1;
            for (int j = 0; j < i; j++) {
                if (backup.equals(steps.get(j).get("id"))) {
                    backupAt = j;
                }
                if (gc(steps.get(j), connection, "disable")) {
                    offAt = j;
                }
                if (gc(steps.get(j), connection, "enable")) {
                    offAt = -1;
                }
            }
            if (offAt < 0 || backupAt < 0 || offAt > backupAt) {
                problems.add(steps.get(i).get("id") + " reads " + connection + " at " + backup
                        + ".backup_ts without GC held off there from before the backup");
            }
        }
        assertThat(problems).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("plans")
    @SuppressWarnings("unchecked")
    void nothingWritesToAPrimaryUnlessAnInputAsks(Path file) throws IOException {
        Map<String, Object> plan = load(file);
        Map<String, Object> inputs = (Map<String, Object>) plan.getOrDefault("inputs", Map.of());
        for (Map<String, Object> step : steps(plan)) {
            if (!"sysbench".equals(step.get("type")) || "cleanup".equals(with(step).get("action"))) {
                continue;
            }
            String when = String.valueOf(step.get("when"));
            Matcher m = Pattern.compile("^\\$\\{inputs\\.([a-z_]+)}$").matcher(when);
            assertThat(m.matches()).as(file + " " + step.get("id") + " runs only when an input asks").isTrue();
            Map<String, Object> input = (Map<String, Object>) inputs.get(m.group(1));
            assertThat(input.get("default")).as(file + " input " + m.group(1)).isEqualTo(false);
            assertThat(with(step).get("keep")).as(file + " " + step.get("id") + " keep").isNotEqualTo(true);
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void backupsSetNoRateLimitAndChangefeedsListIneligibleTablesAndGuardTheirRedoHost(Path file) throws IOException {
        for (Map<String, Object> step : steps(load(file))) {
            Map<String, Object> with = with(step);
            if ("br.backup".equals(step.get("type"))) {
                assertThat(with).as(file + " " + step.get("id")).doesNotContainKey("rate_limit");
            }
            if ("cdc.changefeed".equals(step.get("type")) && "create".equals(with.get("action"))) {
                assertThat(with).as(file + " " + step.get("id")).containsKey("upstream");
                assertThat(with.get("allow_redo_on_primary_host")).as(file + " " + step.get("id"))
                        .isNotEqualTo(true);
            }
        }
    }
}
