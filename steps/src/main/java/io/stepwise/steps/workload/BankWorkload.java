package io.stepwise.steps.workload;

import static io.stepwise.steps.jdbc.SqlLiterals.ident;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bank: {@code bank_accounts} holds a fixed total; each transaction moves an amount between two
 * random accounts and records itself in {@code bank_transfers} under an id that goes to the ledger once
 * COMMIT has returned. The check verifies on any server that the total is unchanged and counts ledger
 * ids missing from its {@code bank_transfers}.
 */
final class BankWorkload {
    private static final int CHECK_BATCH = 1000;
    private final WorkloadConfig config;

    BankWorkload(WorkloadConfig config) {
        this.config = config;
    }

    String accounts() {
        return ident(config.database(), "bank_accounts");
    }

    String transfers() {
        return ident(config.database(), "bank_transfers");
    }

    List<String> createTables() {
        return List.of("CREATE TABLE " + accounts() + " (\n  id INTEGER NOT NULL,\n  balance BIGINT NOT NULL,\n"
                        + "  PRIMARY KEY (id)\n) ENGINE = InnoDB",
                "CREATE TABLE " + transfers() + " (\n  id BIGINT NOT NULL,\n  src INTEGER NOT NULL,\n"
                        + "  dst INTEGER NOT NULL,\n  amount INTEGER NOT NULL,\n"
                        + "  created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),\n  PRIMARY KEY (id)\n"
                        + ") ENGINE = InnoDB");
    }

    String insertTemplate() {
        return "INSERT INTO " + accounts() + " (id, balance) VALUES (1, " + config.initialBalance() + "), ... ("
                + config.accounts() + " accounts, " + config.batchSize() + " a statement)";
    }

    List<String> cleanup() {
        return List.of("DROP TABLE IF EXISTS " + transfers(), "DROP TABLE IF EXISTS " + accounts());
    }

    List<String> transactionTemplate() {
        return List.of("BEGIN", "UPDATE " + accounts() + " SET balance = balance - ? WHERE id = ?",
                "UPDATE " + accounts() + " SET balance = balance + ? WHERE id = ?",
                "INSERT INTO " + transfers() + " (id, src, dst, amount) VALUES (?, ?, ?, ?)", "COMMIT",
                "-- after COMMIT returns: append the transfer id to the ledger");
    }

    void prepare(Connection c, AtomicLong rowsDone) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : createTables()) {
                s.execute(sql);
            }
            StringBuilder batch = new StringBuilder();
            int inBatch = 0;
            for (int id = 1; id <= config.accounts(); id++) {
                batch.append(inBatch == 0 ? "INSERT INTO " + accounts() + " (id, balance) VALUES " : ",")
                        .append('(').append(id).append(',').append(config.initialBalance()).append(')');
                if (++inBatch == config.batchSize() || id == config.accounts()) {
                    s.execute(batch.toString());
                    rowsDone.addAndGet(inBatch);
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
        }
    }

    /** The first transfer id of a new load: above every id the server already holds. */
    long firstTransferId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + transfers())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    LoadGenerator.Session open(Connection c, AtomicLong nextId, Ledger ledger) throws SQLException {
        PreparedStatement debit = c.prepareStatement("UPDATE " + accounts() + " SET balance = balance - ? WHERE id = ?");
        PreparedStatement credit = c.prepareStatement("UPDATE " + accounts() + " SET balance = balance + ? WHERE id = ?");
        PreparedStatement record = c.prepareStatement(
                "INSERT INTO " + transfers() + " (id, src, dst, amount) VALUES (?, ?, ?, ?)");
        c.setAutoCommit(false);
        int n = config.accounts();
        return random -> {
            int src = 1 + random.nextInt(n);
            int dst = 1 + random.nextInt(n - 1);
            dst = dst >= src ? dst + 1 : dst;
            int amount = 1 + random.nextInt(100);
            long id = nextId.getAndIncrement();
            // lower account first, so concurrent transfers lock in one order and do not deadlock
            PreparedStatement first = src < dst ? debit : credit;
            PreparedStatement second = src < dst ? credit : debit;
            first.setInt(1, amount);
            first.setInt(2, Math.min(src, dst));
            first.executeUpdate();
            second.setInt(1, amount);
            second.setInt(2, Math.max(src, dst));
            second.executeUpdate();
            record.setLong(1, id);
            record.setInt(2, src);
            record.setInt(3, dst);
            record.setInt(4, amount);
            record.executeUpdate();
            c.commit();
            ledger.acknowledged(id);
        };
    }

    /** Checks the invariant and the acknowledged transfers on one server. */
    Map<String, Object> check(Connection c, Path ledger) throws SQLException, IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        long accountRows;
        long total;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(balance), 0) FROM " + accounts())) {
            rs.next();
            accountRows = rs.getLong(1);
            total = rs.getLong(2);
        }
        long acknowledged = 0;
        long missing = 0;
        List<Long> sample = new ArrayList<>();
        // a runner killed in the middle of a write leaves a last line without its newline: not an acknowledged id
        boolean tornTail = endsTorn(ledger);
        try (BufferedReader in = Files.newBufferedReader(ledger, StandardCharsets.US_ASCII)) {
            List<Long> batch = new ArrayList<>(CHECK_BATCH);
            String line;
            String next = in.readLine();
            while (true) {
                line = next;
                next = line == null ? null : in.readLine();
                if (line != null && next == null && tornTail) {
                    line = null;
                }
                if (line != null && !line.isBlank()) {
                    batch.add(Long.parseLong(line.trim()));
                }
                if (batch.size() == CHECK_BATCH || line == null && !batch.isEmpty()) {
                    acknowledged += batch.size();
                    List<Long> absent = absent(c, batch);
                    missing += absent.size();
                    absent.stream().limit(10 - sample.size()).forEach(sample::add);
                    batch.clear();
                }
                if (line == null) {
                    break;
                }
            }
        }
        boolean totalOk = total == config.expectedTotal() && accountRows == config.accounts();
        out.put("total_ok", totalOk);
        out.put("total", total);
        out.put("expected_total", config.expectedTotal());
        out.put("accounts", accountRows);
        out.put("acknowledged", acknowledged);
        out.put("missing", missing);
        out.put("missing_sample", sample);
        // an empty ledger proves nothing about lost writes: no load ran, or none of its transfers was acknowledged
        out.put("pass", totalOk && missing == 0 && acknowledged > 0);
        return out;
    }

    static boolean endsTorn(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    private List<Long> absent(Connection c, List<Long> ids) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id FROM " + transfers() + " WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        java.util.Set<Long> found = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return ids.stream().filter(id -> !found.contains(id)).toList();
    }
}
