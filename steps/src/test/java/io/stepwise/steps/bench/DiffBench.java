package io.stepwise.steps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.diff.DiffStep;
import io.stepwise.steps.testing.LocalMariaDb;
import io.stepwise.steps.workload.WorkloadStep;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the diff benchmark of issues 3 and 13 (run by {@code plans/bench/diff.sh}). Two MariaDB
 * servers with the same sysbench tables ({@code bench.tables} x {@code bench.rows}, default 10 x
 * 100,000). Each round measures, one after the other: {@code CHECKSUM TABLE} of every table on both
 * servers at once (one statement per server: reading the data once, the bound), the same with
 * {@code bench.threads} sessions per server, {@code diff} by default (the CHECKSUM TABLE first pass,
 * rows estimated) and with {@code count_rows: true} (each equal table also counted),
 * {@code diff} in chunks only ({@code first_pass: none}) with md5 and with crc32, the naive read
 * ({@code SELECT * ... ORDER BY id} of every table through the {@code mariadb} client into
 * {@code md5sum}, both servers at once) and pt-table-checksum on the source alone when it is
 * installed. Prints medians of {@code bench.runs} rounds after a warm-up and each median's ratio to
 * the bound's, and the runner's peak heap during the diffs. A diff is timed as the runner runs it: the
 * step's execute, its parameters bound before. Run:
 *
 * <pre>./mvnw -B -pl engine,steps test-compile surefire:test -Dtest=DiffBench -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m</pre>
 */
class DiffBench {
    private static final int TABLES = Integer.getInteger("bench.tables", 10);
    private static final long ROWS = Long.getLong("bench.rows", 100_000L);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final long CHUNK = Long.getLong("bench.chunk", 10_000L);
    private static final Path CLIENT = Path.of(System.getProperty("bench.client", Path.of(System.getenv().getOrDefault(
            "XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"), "stepwise/mariadb-11.4.5/bin/mariadb").toString()));

    /** One thing measured: its name and a run that returns seconds. */
    private record Measure(String name, java.util.concurrent.Callable<Double> run) {
    }

    @Test
    void diffAgainstChecksumTable() throws Exception {
        Path runDir = Files.createTempDirectory("diff-bench");
        List<String> options = List.of("--innodb-buffer-pool-size=512M", "--innodb-flush-log-at-trx-commit=0",
                "--skip-log-bin");
        try (LocalMariaDb a = LocalMariaDb.start("bench-a", options);
                LocalMariaDb b = LocalMariaDb.start("bench-b", options);
                StepHarness harness = StepHarness.builder().connection(a.connection("a", "sbtest"))
                        .connection(b.connection("b", "sbtest")).runDir(runDir).build()) {
            long loadStart = System.nanoTime();
            for (String side : List.of("a", "b")) {
                harness.execute(new WorkloadStep(), Map.of("connection", side, "action", "prepare",
                        "tables", TABLES, "table_size", ROWS, "threads", 2, "seed", 42, "batch_size", 5000));
            }
            System.out.printf(Locale.ROOT, "loaded %d x %d rows on both servers in %.1fs%n", TABLES, ROWS,
                    (System.nanoTime() - loadStart) / 1e9);
            List<String> names = IntStream.rangeClosed(1, TABLES).mapToObj(i -> "sbtest.sbtest" + i).toList();
            String tables = String.join(", ", names);
            long[] peakHeap = {0};
            List<Measure> measures = new ArrayList<>(List.of(
                    new Measure("CHECKSUM TABLE, 1 statement/server, both at once (the bound)",
                            () -> checksumBoth(a, b, List.of(tables), 1)),
                    new Measure("CHECKSUM TABLE, " + THREADS + " sessions/server", () -> checksumBoth(a, b, names, THREADS)),
                    new Measure("diff (default: CHECKSUM TABLE first pass, rows estimated)",
                            () -> timedDiff(harness, Map.of(), peakHeap)),
                    new Measure("diff count_rows: true (exact counts)",
                            () -> timedDiff(harness, Map.of("count_rows", true), peakHeap)),
                    new Measure("diff first_pass: none, checksum: md5",
                            () -> timedDiff(harness, Map.of("first_pass", "none", "checksum", "md5"), peakHeap)),
                    new Measure("diff first_pass: none, checksum: crc32",
                            () -> timedDiff(harness, Map.of("first_pass", "none", "checksum", "crc32"), peakHeap))));
            if (Files.isExecutable(CLIENT)) {
                measures.add(new Measure("naive SELECT * ORDER BY id | md5sum, both at once", () -> naive(a, b, names)));
            } else {
                System.out.println("naive read skipped: no mariadb client at " + CLIENT + " (set -Dbench.client)");
            }
            if (onPath("pt-table-checksum")) {
                measures.add(new Measure("pt-table-checksum on the source alone", () -> ptTableChecksum(a)));
            } else {
                System.out.println("pt-table-checksum skipped: not installed (it comes in the Debian package percona-toolkit)");
            }
            for (Measure m : measures) {
                m.run().call();   // warm-up: the buffer pools, the JIT
            }
            Map<String, List<Double>> times = new java.util.LinkedHashMap<>();
            for (int run = 0; run < RUNS; run++) {
                for (Measure m : measures) {
                    times.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(round(m.run().call()));
                }
            }
            double bound = median(times.get(measures.get(0).name()));
            System.out.printf(Locale.ROOT, "%n== diff benchmark: %d tables x %d rows, chunk %d, %d threads, %d runs,"
                    + " %d cores ==%n", TABLES, ROWS, CHUNK, THREADS, RUNS, Runtime.getRuntime().availableProcessors());
            times.forEach((name, runs) -> System.out.printf(Locale.ROOT, "%-62s median %6.2fs  %5.2fx the bound  runs %s%n",
                    name, median(runs), median(runs) / bound, runs));
            System.out.printf(Locale.ROOT, "runner peak heap during diff %.1f MB (max heap %.0f MB), VmHWM %s%n",
                    peakHeap[0] / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, vmHwm());
        }
    }

    /**
     * The diff step's execute alone, as the runner calls it: the parameters are validated and bound
     * before the clock starts (the runner does that once per step; the test kit's checks rebuild the
     * plan schema on every call, which is not the step's cost).
     */
    private static double timedDiff(StepHarness harness, Map<String, Object> extra, long[] peakHeap) {
        DiffStep type = new DiffStep();
        var config = harness.bind(type, diffParams(extra));
        var context = harness.context(type, false);
        resetPeaks();
        long start = System.nanoTime();
        StepResult result = type.execute(config, context);
        double seconds = (System.nanoTime() - start) / 1e9;
        peakHeap[0] = Math.max(peakHeap[0], peakHeapBytes());
        assertThat(result.values()).containsEntry("pass", true);
        if (!Boolean.TRUE.equals(result.values().get("rows_estimated"))) {
            assertThat(result.values()).containsEntry("rows_checked", TABLES * ROWS);
        }
        return seconds;
    }

    /** Every table read in key order through the mariadb client into md5sum, both servers at once. */
    private static double naive(LocalMariaDb a, LocalMariaDb b, List<String> tables) throws Exception {
        String sql = tables.stream().map(t -> "SELECT * FROM " + t + " ORDER BY id;").collect(Collectors.joining(" "));
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (LocalMariaDb server : List.of(a, b)) {
            processes.add(new ProcessBuilder("sh", "-c", "\"$0\" -h127.0.0.1 -P" + server.port() + " -uroot -N -B -e \"$1\" | md5sum",
                    CLIENT.toString(), sql).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor()).isZero();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double ptTableChecksum(LocalMariaDb source) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("pt-table-checksum", "h=127.0.0.1,P=" + source.port() + ",u=root", "--databases=sbtest",
                "--recursion-method=none", "--no-check-binlog-format", "--no-check-replication-filters", "--no-version-check")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = p.waitFor();
        if (exit != 0) {
            System.out.println("pt-table-checksum exited with " + exit + " (its bit flags: warnings, not failures)");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static Map<String, Object> diffParams(Map<String, Object> extra) {
        Map<String, Object> with = new java.util.LinkedHashMap<>(Map.of("source", "a", "target", "b", "tables",
                List.of("sbtest.*"), "threads", THREADS, "chunk_size", CHUNK));
        with.putAll(extra);
        return with;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }

    /** CHECKSUM TABLE of every statement's tables on both servers at once, {@code sessions} per server. */
    private static double checksumBoth(LocalMariaDb a, LocalMariaDb b, List<String> statements, int sessions) {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (LocalMariaDb server : List.of(a, b)) {
            List<String> queue = Collections.synchronizedList(new ArrayList<>(statements));
            for (int i = 0; i < sessions; i++) {
                all.add(CompletableFuture.runAsync(() -> {
                    try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
                        while (true) {
                            String tables;
                            synchronized (queue) {
                                if (queue.isEmpty()) {
                                    return;
                                }
                                tables = queue.remove(0);
                            }
                            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + tables)) {
                                while (rs.next()) {
                                    rs.getString(2);
                                }
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String vmHwm() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return Math.round(sorted.get(sorted.size() / 2) * 100) / 100.0;
    }
}
