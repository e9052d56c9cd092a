package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.StepFailedException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TiDB timestamp (TSO): physical milliseconds shifted left by 18 bits, plus an 18-bit logical
 * counter (tidb-tooling.md section 5, "Conversions").
 */
public record Tso(long value) {
    public static final int LOGICAL_BITS = 18;
    /** The smallest 18-digit number: a TSO of any cluster started after 1982 has 18 or 19 digits. */
    public static final long MIN = 100_000_000_000_000_000L;
    /** A TSO as the examples show one (2022-02-09). */
    public static final long EXAMPLE = 431_434_047_157_698_561L;

    /**
     * A parameter holding a TSO: a whole number of 18 or 19 digits (tidb-tooling.md 9, item 16: a JSON
     * number in the TiCDC API). A value known only at run time, such as {@code ${steps.backup.backup_ts}},
     * shows in dry-run as its source.
     */
    public static Param<Long> param(String name) {
        return Param.integer(name).min(MIN).example(EXAMPLE);
    }

    public Tso {
        if (value < 0) {
            throw new IllegalArgumentException("a TSO is not negative: " + value);
        }
    }

    public static Tso of(long physicalMillis, long logical) {
        return new Tso((physicalMillis << LOGICAL_BITS) + logical);
    }

    /** Reads a TSO a parameter or a tool printed; fails with the parameter's name when it is not one. */
    public static Tso parse(String what, Object value) {
        String text = value == null ? "" : String.valueOf(value).trim();
        if (!text.matches("\\d{1,19}")) {
            throw new StepFailedException(what + " must be a TSO (a whole number such as 431434047157698561), got '"
                    + text + "'", "pass the BackupTS captured from br.backup or the tso output of tidb.tso");
        }
        try {
            return new Tso(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new StepFailedException(what + " is too large for a TSO: " + text);
        }
    }

    /** True when the text is a whole number, as a TSO is (not a datetime, not a placeholder). */
    public static boolean looksLikeTso(String text) {
        return text != null && text.trim().matches("\\d{1,19}");
    }

    public long physicalMillis() {
        return value >>> LOGICAL_BITS;
    }

    public long logical() {
        return value & ((1L << LOGICAL_BITS) - 1);
    }

    public Instant instant() {
        return Instant.ofEpochMilli(physicalMillis());
    }

    /** The outputs every TSO-producing step shares: {@code <prefix>}, {@code <prefix>_time}. */
    public Map<String, Object> describe(String prefix) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(prefix, value);
        values.put(prefix + "_time", instant().toString());
        return values;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
