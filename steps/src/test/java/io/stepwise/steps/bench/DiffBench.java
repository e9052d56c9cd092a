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
 * Not a test: the diff benchmark of issue 3. Two MariaDB servers with the same sysbench tables
 * ({@code bench.tables} x {@code bench.rows}, default 10 x 100,000); the time of {@code diff} against
 * {@code CHECKSUM TABLE} of the same tables on both servers at once (one statement per server, and one
 * statement per table with {@code bench.threads} sessions per server), with {@code checksum: md5} and
 * {@code crc32}, medians of {@code bench.runs} runs after a warm-up, and the runner's peak heap during
 * the diff. Run:
 *
 * <pre>./mvnw -B -pl steps -am test-compile surefire:test -Dtest=DiffBench -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m</pre>
 */
class DiffBench {
    private static final int TABLES = Integer.getInteger("bench.tables", 10);
    private static final long ROWS = Long.getLong("bench.rows", 100_000L);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final long CHUNK = Long.getLong("bench.chunk", 10_000L);

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
            String tables = IntStream.rangeClosed(1, TABLES).mapToObj(i -> "sbtest.sbtest" + i)
                    .collect(Collectors.joining(", "));
            checksumBoth(a, b, List.of(tables), 1);
            diff(harness, "md5");

            List<Double> checksumOne = new ArrayList<>();
            List<Double> checksumPerTable = new ArrayList<>();
            List<Double> md5 = new ArrayList<>();
            List<Double> crc32 = new ArrayList<>();
            long peakHeap = 0;
            for (int run = 0; run < RUNS; run++) {
                checksumOne.add(round(checksumBoth(a, b, List.of(tables), 1)));
                checksumPerTable.add(round(checksumBoth(a, b, List.of(tables.split(", ")), THREADS)));
                for (String algorithm : List.of("md5", "crc32")) {
                    resetPeaks();
                    long start = System.nanoTime();
                    StepResult result = diff(harness, algorithm);
                    (algorithm.equals("md5") ? md5 : crc32).add(round((System.nanoTime() - start) / 1e9));
                    peakHeap = Math.max(peakHeap, peakHeapBytes());
                    assertThat(result.values()).containsEntry("pass", true)
                            .containsEntry("rows_checked", TABLES * ROWS);
                }
            }
            double one = median(checksumOne);
            double perTable = median(checksumPerTable);
            System.out.printf(Locale.ROOT, "%n== diff benchmark: %d tables x %d rows, chunk %d, %d threads, %d runs ==%n",
                    TABLES, ROWS, CHUNK, THREADS, RUNS);
            System.out.printf(Locale.ROOT, "CHECKSUM TABLE, 1 statement/server    median %.2fs  runs %s%n", one, checksumOne);
            System.out.printf(Locale.ROOT, "CHECKSUM TABLE, %d sessions/server     median %.2fs  runs %s%n", THREADS,
                    perTable, checksumPerTable);
            for (List<Double> runs : List.of(md5, crc32)) {
                double diff = median(runs);
                System.out.printf(Locale.ROOT, "diff checksum=%-5s  median %.2fs  runs %s  %.0f rows/s  ratio %.2f"
                        + " (vs 1 statement/server) %.2f (vs %d sessions/server)%n", runs == md5 ? "md5" : "crc32",
                        diff, runs, TABLES * ROWS / diff, diff / one, diff / perTable, THREADS);
            }
            System.out.printf(Locale.ROOT, "runner peak heap during diff %.1f MB (max heap %.0f MB), VmHWM %s%n",
                    peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, vmHwm());
        }
    }

    private static StepResult diff(StepHarness harness, String algorithm) {
        return harness.execute(new DiffStep(), Map.of("source", "a", "target", "b", "tables", List.of("sbtest.*"),
                "threads", THREADS, "chunk_size", CHUNK, "checksum", algorithm));
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
