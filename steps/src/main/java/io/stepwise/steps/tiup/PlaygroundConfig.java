package io.stepwise.steps.tiup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code tiup.playground}: the cluster's shape, where it listens, and how long it may take to be ready. */
public record PlaygroundConfig(List<String> command, Optional<String> version, Optional<String> tag, String host,
        int db, int pd, int kv, int tiflash, int ticdc, int portOffset, boolean withoutMonitor,
        List<String> extraArgs, Duration readyTimeout, boolean keep, boolean fresh, Optional<String> tiupHome) {

    public PlaygroundConfig {
        command = List.copyOf(command);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(host, "host");
        extraArgs = List.copyOf(extraArgs);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(tiupHome, "tiupHome");
    }

    /** The playground control port (9527 + offset; the playground binds it on 0.0.0.0). */
    public int controlPort() {
        return 9527 + portOffset;
    }

    /**
     * Where a tagged playground keeps its data: {@code <TIUP_HOME>/data/<tag>} (tiup
     * {@code components/playground/main.go} PersistentPreRunE; TIUP_HOME defaults to {@code ~/.tiup}).
     */
    public Optional<java.nio.file.Path> dataDir() {
        String home = tiupHome.orElseGet(() -> Optional.ofNullable(System.getenv("TIUP_HOME"))
                .orElse(System.getProperty("user.home") + "/.tiup"));
        return tag.map(t -> java.nio.file.Path.of(home, "data", t));
    }

    /** The host clients connect to: the listen host, or loopback when it listens on every address. */
    public String connectHost() {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    }

    /** The default ports (tidb-tooling.md section 7) moved by the offset. */
    public int tidbPort() {
        return 4000 + portOffset;
    }

    public int tidbStatusPort() {
        return 10080 + portOffset;
    }

    public int pdPort() {
        return 2379 + portOffset;
    }

    public int ticdcPort() {
        return 8300 + portOffset;
    }

    /**
     * Every port the cluster will bind, the control port included: they must be free first, or the
     * playground silently moves to random ones.
     */
    public List<Integer> ports() {
        List<Integer> ports = new java.util.ArrayList<>(List.of(tidbPort(), tidbStatusPort(), pdPort(),
                2380 + portOffset, 20160 + portOffset, 20180 + portOffset, controlPort()));
        if (ticdc > 0) {
            ports.add(ticdcPort());
        }
        if (tiflash > 0) {
            List.of(3930, 9100, 20170, 20292, 8234).forEach(p -> ports.add(p + portOffset));
        }
        return ports;
    }
}
