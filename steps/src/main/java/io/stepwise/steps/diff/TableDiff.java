package io.stepwise.steps.diff;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Compares one table: splits it by key into chunks (arithmetic on a single integer key, else a walk
 * over the key), checksums each chunk on both sides at once, bisects a differing chunk (the half with
 * the same checksum on both sides is dropped) until at most {@link #LEAF_ROWS} rows remain, then
 * compares those rows by key and writes their fix. Memory stays bounded by a leaf, whatever the table size.
 */
final class TableDiff {
    static final int LEAF_ROWS = 1000;
    private static final int MAX_RETRIES = 3;

    private final TableMeta meta;
    private final Side source;
    private final Side target;
    private final ExecutorService targetPool;
    private final FixSqlWriter fix;
    private final TableReport report;
    private final int[] keyIndexes;
    private final DiffConfig.Algorithm algorithm;

    TableDiff(TableMeta meta, Side source, Side target, ExecutorService targetPool, FixSqlWriter fix,
            TableReport report, DiffConfig.Algorithm algorithm) {
        this.algorithm = algorithm;
        this.meta = meta;
        this.source = source;
        this.target = target;
        this.targetPool = targetPool;
        this.fix = fix;
        this.report = report;
        this.keyIndexes = meta.key().stream().mapToInt(k -> meta.columns().indexOf(k)).toArray();
    }

    /** The chunks of the table, from the source. */
    List<KeyRange> split(int chunkSize) throws SQLException {
        return source.call(c -> meta.hasIntegerKey() ? splitByArithmetic(c, chunkSize) : splitByWalk(c, chunkSize));
    }

    /**
     * Equal-width key ranges between MIN and MAX, as many as the row count asks for. The count is the
     * server's estimate (free), or an exact COUNT(*) when there is none; a wrong estimate only makes
     * chunks bigger or smaller, never wrong, as the outer ranges are open.
     */
    private List<KeyRange> splitByArithmetic(Connection c, int chunkSize) throws SQLException {
        BigInteger min;
        BigInteger max;
        long count;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DiffSql.bounds(meta))) {
            rs.next();
            if (rs.getString(1) == null) {
                return List.of(KeyRange.ALL);
            }
            min = new BigInteger(rs.getString(1));
            max = new BigInteger(rs.getString(2));
            count = rs.getLong(3);
        }
        if (count <= 0) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DiffSql.count(meta))) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        long chunks = (count + chunkSize - 1) / chunkSize;
        if (chunks <= 1) {
            return List.of(KeyRange.ALL);
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger n = BigInteger.valueOf(chunks).min(span);
        BigInteger width = span.add(n).subtract(BigInteger.ONE).divide(n).max(BigInteger.ONE);
        List<KeyRange> ranges = new ArrayList<>();
        List<Object> lower = null;
        for (long i = 1; i < n.longValue(); i++) {
            List<Object> upper = List.of(min.add(width.multiply(BigInteger.valueOf(i))));
            ranges.add(new KeyRange(lower, upper));
            lower = upper;
        }
        ranges.add(new KeyRange(lower, null));
        return ranges;
    }

    private List<KeyRange> splitByWalk(Connection c, int chunkSize) throws SQLException {
        List<KeyRange> ranges = new ArrayList<>();
        List<Object> lower = null;
        while (true) {
            List<Object> next = keyAt(c, new KeyRange(lower, null), chunkSize, DiffSql.boundary(meta, lower != null));
            ranges.add(new KeyRange(lower, next));
            if (next == null) {
                return ranges;
            }
            lower = next;
        }
    }

    /** The key of the row {@code offset} rows into the range, or null when the range is shorter. */
    private List<Object> keyAt(Connection c, KeyRange range, long offset, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = range.bind(ps, 1, meta.key());
            ps.setLong(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? DiffSql.readTuple(rs, meta.key()) : null;
            }
        }
    }

    /** Checks one chunk, down to its differing rows. */
    void checkChunk(KeyRange chunk) throws SQLException {
        Checksum[] top = checksums(chunk);
        report.rowsSource.addAndGet(top[0].count());
        report.rowsTarget.addAndGet(top[1].count());
        if (!top[0].equals(top[1])) {
            report.chunksDiffering.incrementAndGet();
            bisect(chunk, top[0], top[1]);
        }
        report.chunksDone.incrementAndGet();
    }

    /** A table without a usable key: one checksum of everything, no localisation. */
    void checkWhole() throws SQLException {
        checkChunk(KeyRange.ALL);
    }

    private void bisect(KeyRange chunk, Checksum src, Checksum tgt) throws SQLException {
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {chunk, src, tgt, 0});
        while (!work.isEmpty()) {
            Object[] w = work.pop();
            KeyRange range = (KeyRange) w[0];
            Checksum s = (Checksum) w[1];
            Checksum t = (Checksum) w[2];
            long larger = Math.max(s.count(), t.count());
            if (!meta.hasKey()) {
                report.note("no primary or unique NOT NULL key: the difference is not localised to rows");
                return;
            }
            if (larger <= LEAF_ROWS) {
                compareRows(range);
                continue;
            }
            Side side = s.count() >= t.count() ? source : target;
            List<Object> mid = side.call(c -> keyAt(c, range, larger / 2, DiffSql.midpoint(meta, range)));
            if (mid == null) {
                retry(work, range, (int) w[3]);
                continue;
            }
            KeyRange left = new KeyRange(range.lower(), mid);
            KeyRange right = new KeyRange(mid, range.upper());
            Checksum[] l = checksums(left);
            Checksum rs = s.minus(l[0]);
            Checksum rt = t.minus(l[1]);
            if (!rs.equals(rt)) {
                work.push(new Object[] {right, rs, rt, 0});
            }
            if (!l[0].equals(l[1])) {
                work.push(new Object[] {left, l[0], l[1], 0});
            }
        }
    }

    /** The data changed under the diff (no snapshot): checksum the range again. */
    private void retry(Deque<Object[]> work, KeyRange range, int attempt) throws SQLException {
        if (attempt >= MAX_RETRIES) {
            throw new SQLException("rows of " + meta.qualified() + " in " + range.describe()
                    + " keep changing during the diff; stop writes or compare at a snapshot");
        }
        Checksum[] again = checksums(range);
        if (!again[0].equals(again[1])) {
            work.push(new Object[] {range, again[0], again[1], attempt + 1});
        }
    }

    private Checksum[] checksums(KeyRange range) throws SQLException {
        Future<Checksum> other = targetPool.submit(() -> target.call(c -> checksum(c, range)));
        Checksum mine = source.call(c -> checksum(c, range));
        return new Checksum[] {mine, await(other)};
    }

    private Checksum checksum(Connection c, KeyRange range) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DiffSql.checksum(meta, range, algorithm))) {
            if (meta.hasKey()) {
                range.bind(ps, 1, meta.key());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Checksum(rs.getLong(1), new BigInteger(rs.getString(2)));
            }
        }
    }

    private void compareRows(KeyRange range) throws SQLException {
        Future<Map<List<Object>, List<Object>>> other = targetPool.submit(() -> target.call(c -> rows(c, range)));
        Map<List<Object>, List<Object>> mine = source.call(c -> rows(c, range));
        Map<List<Object>, List<Object>> theirs = await(other);
        List<List<Object>> replace = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Object>> row : mine.entrySet()) {
            List<Object> found = theirs.remove(row.getKey());
            if (found == null) {
                report.missing.incrementAndGet();
                report.sample("missing " + row.getKey());
                replace.add(row.getValue());
            } else if (!sameRow(row.getValue(), found)) {
                report.changed.incrementAndGet();
                report.sample("changed " + row.getKey());
                replace.add(row.getValue());
            }
        }
        theirs.keySet().forEach(k -> report.sample("extra " + k));
        report.extra.addAndGet(theirs.size());
        if (!replace.isEmpty() || !theirs.isEmpty()) {
            fix.rows(meta, range.describe(), List.copyOf(theirs.values()), replace);
        }
    }

    private Map<List<Object>, List<Object>> rows(Connection c, KeyRange range) throws SQLException {
        Map<List<Object>, List<Object>> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(DiffSql.rows(meta, range))) {
            range.bind(ps, 1, meta.key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = DiffSql.readTuple(rs, meta.columns());
                    rows.put(keyOf(row), row);
                }
            }
        }
        return rows;
    }

    private List<Object> keyOf(List<Object> row) {
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int i : keyIndexes) {
            Object value = row.get(i);
            key.add(value instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : value);
        }
        return key;
    }

    private static boolean sameRow(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            boolean same = x instanceof byte[] bx && y instanceof byte[] by ? Arrays.equals(bx, by)
                    : java.util.Objects.equals(x, y);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** The target lacks the table: its definition and every source row go to the fix, streamed. */
    void copyMissing() throws SQLException {
        source.call(c -> {
            fix.statement(meta.qualified() + " is missing on the target", Metadata.showCreate(c, meta));
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(Integer.MIN_VALUE);
                try (ResultSet rs = s.executeQuery(DiffSql.allRows(meta))) {
                    List<List<Object>> batch = new ArrayList<>();
                    while (rs.next()) {
                        batch.add(DiffSql.readTuple(rs, meta.columns()));
                        if (batch.size() == LEAF_ROWS) {
                            flushMissing(batch);
                        }
                    }
                    flushMissing(batch);
                }
            }
            return null;
        });
    }

    private void flushMissing(List<List<Object>> batch) {
        if (!batch.isEmpty()) {
            report.rowsSource.addAndGet(batch.size());
            report.missing.addAndGet(batch.size());
            fix.rows(meta, "rows", List.of(), List.copyOf(batch));
            batch.clear();
        }
    }

    static <T> T await(Future<T> future) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(e.getCause());
        }
    }
}
