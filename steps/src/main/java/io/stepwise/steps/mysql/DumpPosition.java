package io.stepwise.steps.mysql;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replication position a logical dump was taken at, read from its text: the binlog coordinates from the
 * {@code CHANGE MASTER TO MASTER_LOG_FILE=..., MASTER_LOG_POS=...} line near the top, the GTID position from the
 * {@code SET GLOBAL gtid_slave_pos='...'} line that MariaDB writes at the very end (MDEV-15393), or MySQL's
 * {@code SET @@GLOBAL.GTID_PURGED='...'} near the top. Commented or live forms both count.
 *
 * @param gtid the GTID position (may be empty text for a server that has written no transaction yet)
 * @param binlogFile the binlog file
 * @param binlogPosition the offset in it
 */
public record DumpPosition(Optional<String> gtid, Optional<String> binlogFile, Optional<Long> binlogPosition) {
    /** How much of the head and of the tail of a dump is read. */
    static final int WINDOW = 256 * 1024;
    private static final Pattern COORDINATES = Pattern.compile(
            "CHANGE (?:MASTER|REPLICATION SOURCE) TO (?:MASTER|SOURCE)_LOG_FILE='([^']+)',\\s*(?:MASTER|SOURCE)_LOG_POS=(\\d+)");
    private static final Pattern MARIADB_GTID = Pattern.compile("SET GLOBAL gtid_slave_pos\\s*=\\s*'([^']*)'");
    private static final Pattern MYSQL_GTID = Pattern.compile(
            "SET @@GLOBAL\\.GTID_PURGED\\s*=\\s*(?:/\\*!80000 '\\+'\\*/\\s*)?'([^']*)'", Pattern.CASE_INSENSITIVE);

    public DumpPosition {
        gtid = gtid == null ? Optional.empty() : gtid;
        binlogFile = binlogFile == null ? Optional.empty() : binlogFile;
        binlogPosition = binlogPosition == null ? Optional.empty() : binlogPosition;
    }

    /** Parses the head and the tail of a dump text (or the whole of a small one). */
    public static DumpPosition parse(String head, String tail) {
        Optional<String> file = Optional.empty();
        Optional<Long> position = Optional.empty();
        Matcher coordinates = COORDINATES.matcher(head);
        if (coordinates.find()) {
            file = Optional.of(coordinates.group(1));
            position = Optional.of(Long.parseLong(coordinates.group(2)));
        }
        Optional<String> gtid = last(MARIADB_GTID, tail).or(() -> last(MYSQL_GTID, head))
                .map(g -> g.replaceAll("\\s+", ""));
        return new DumpPosition(gtid, file, position);
    }

    public static DumpPosition parse(String text) {
        return parse(text, text);
    }

    /** Reads the position from a dump file, looking only at its head and tail. */
    public static DumpPosition read(Path dump) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(dump.toFile(), "r")) {
            long length = in.length();
            String head = read(in, 0, (int) Math.min(WINDOW, length));
            long tailStart = Math.max(0, length - WINDOW);
            String tail = read(in, tailStart, (int) (length - tailStart));
            return parse(head, tail);
        }
    }

    private static String read(RandomAccessFile in, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.seek(offset);
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Optional<String> last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return gtid.isEmpty() && binlogFile.isEmpty();
    }
}
