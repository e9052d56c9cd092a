package io.stepwise.steps.syncdiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sync-diff-inspector's results (tidb-tooling.md 6.3): the tables of {@code summary.txt} (tablewriter
 * boxes with {@code TABLE | UPCOUNT | DOWNCOUNT} for equal tables and {@code TABLE | RESULT |
 * STRUCTURE EQUALITY | DATA DIFF ROWS | UPCOUNT | DOWNCOUNT} for the others) and the closing line of
 * its stdout ("A total of N table have been compared and all are equal." or "A total of N tables have
 * been compared, X tables finished, Y tables failed, Z tables skipped.").
 */
record SummaryReport(List<Map<String, Object>> tables, Optional<Long> compared, Optional<Long> finished,
        Optional<Long> failed, Optional<Long> skipped, boolean allEqual) {

    private static final Pattern ALL_EQUAL =
            Pattern.compile("A total of (\\d+) tables? ha(?:ve|s) been compared and all are equal");
    private static final Pattern COUNTS = Pattern.compile("A total of (\\d+) tables? ha(?:ve|s) been compared, (\\d+)"
            + " tables? finished, (\\d+) tables? failed, (\\d+) tables? skipped");

    static SummaryReport parse(String summaryTxt, String stdout) {
        List<Map<String, Object>> tables = tables(summaryTxt);
        Matcher all = ALL_EQUAL.matcher(stdout);
        if (all.find()) {
            long n = Long.parseLong(all.group(1));
            return new SummaryReport(tables, Optional.of(n), Optional.of(n), Optional.of(0L), Optional.of(0L), true);
        }
        Matcher counts = COUNTS.matcher(stdout);
        if (counts.find()) {
            return new SummaryReport(tables, Optional.of(Long.parseLong(counts.group(1))),
                    Optional.of(Long.parseLong(counts.group(2))), Optional.of(Long.parseLong(counts.group(3))),
                    Optional.of(Long.parseLong(counts.group(4))), false);
        }
        return new SummaryReport(tables, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** Every row of every box in summary.txt, keyed by the box's header in snake_case. */
    static List<Map<String, Object>> tables(String text) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("|")) {
                if (!trimmed.startsWith("+")) {
                    header = null;
                }
                continue;
            }
            List<String> cells = cells(trimmed);
            if (header == null) {
                header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT).replace(' ', '_')).toList();
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) {
                row.put(header.get(i), value(header.get(i), cells.get(i)));
            }
            row.putIfAbsent("result", "equal");
            rows.add(row);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static Object value(String column, String cell) {
        if ((column.equals("upcount") || column.equals("downcount")) && cell.matches("\\d+")) {
            return Long.parseLong(cell);
        }
        if (column.equals("table")) {
            return cell.replace("`", "");
        }
        return cell;
    }

    /** Tables whose row says something other than equal with the same structure and no diff rows. */
    List<Map<String, Object>> differing() {
        return tables.stream().filter(r -> !"equal".equals(r.get("result"))).toList();
    }
}
