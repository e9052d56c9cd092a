package io.stepwise.steps.mysql.replication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A MariaDB GTID position such as {@code 0-1-42,1-2-7}: per replication domain the last
 * {@code domain-server-sequence}. Compares positions domain by domain.
 */
public record GtidPosition(Map<Long, Gtid> domains) {
    private static final Pattern ONE = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

    /** One GTID. */
    public record Gtid(long domain, long server, long sequence) {
        @Override
        public String toString() {
            return domain + "-" + server + "-" + sequence;
        }
    }

    public GtidPosition {
        domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses a comma-separated list; blank means the empty position. */
    public static GtidPosition parse(String text) {
        Map<Long, Gtid> domains = new LinkedHashMap<>();
        String trimmed = text == null ? "" : text.trim();
        if (!trimmed.isEmpty()) {
            for (String part : trimmed.split(",")) {
                Matcher m = ONE.matcher(part.trim());
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a GTID position (write domain-server-seq,"
                            + " such as 0-1-42, several separated by commas)");
                }
                Gtid gtid = new Gtid(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)));
                if (domains.put(gtid.domain(), gtid) != null) {
                    throw new IllegalArgumentException("'" + text + "' names domain " + gtid.domain() + " twice");
                }
            }
        }
        return new GtidPosition(domains);
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }

    /** True when, in every domain of {@code other}, this position is at or past it. */
    public boolean covers(GtidPosition other) {
        return other.domains.values().stream().allMatch(g -> {
            Gtid mine = domains.get(g.domain());
            return mine != null && mine.sequence() >= g.sequence();
        });
    }

    /** How many sequence numbers this position lacks to cover {@code target}, summed over domains. */
    public long behind(GtidPosition target) {
        long total = 0;
        for (Gtid g : target.domains.values()) {
            Gtid mine = domains.get(g.domain());
            total += Math.max(0, g.sequence() - (mine == null ? 0 : mine.sequence()));
        }
        return total;
    }

    @Override
    public String toString() {
        return domains.values().stream().map(Gtid::toString).collect(Collectors.joining(","));
    }
}
