package io.stepwise.steps.testing;

import io.stepwise.steps.localservice.Ports;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code mariadbd} for a test, from the binaries every run and test share ({@link MariaDbDistribution#standard()},
 * unpacked once per version under one lock). Everything it writes is in its own directory under the module's
 * {@code target/mariadb-test}: the data dir (with the unix socket), a tmp dir and {@code mariadbd.log}, which holds
 * the installer's and the server's console output, so a passing build shows none of it. {@link #stop()} removes the
 * data and keeps the log.
 */
public final class MariaDbTestProcess {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbTestProcess.class);
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration SHUTDOWN = Duration.ofMinutes(1);

    private final Path dir;
    private final Process process;
    private final int port;

    private MariaDbTestProcess(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Initializes a new data dir and starts a server on a free loopback port with {@code args} after the defaults. */
    public static MariaDbTestProcess start(String name, List<String> args) {
        MariaDbDistribution dist = MariaDbDistribution.standard();
        dist.ensureUnpacked(LOG::info);
        Path dir = Path.of("target", "mariadb-test", name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
                .toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("tmp"));
            long started = System.nanoTime();
            install(dist, dir);
            int port = freePort();
            List<String> argv = new ArrayList<>(List.of(dist.server().toString(), "--no-defaults", "--console",
                    "--basedir=" + dist.home(), "--datadir=" + dir.resolve("data"), "--tmpdir=" + dir.resolve("tmp"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=mariadbd.sock",
                    "--pid-file=" + dir.resolve("data/mariadbd.pid"), "--user=root", "--skip-ssl", "--skip-name-resolve",
                    "--max_allowed_packet=64M", "--innodb-log-file-size=8M", "--innodb-undo-tablespaces=0"));
            argv.addAll(args);
            Process process = launch(dist, argv, dir.resolve("data"), dir.resolve("mariadbd.log"));
            MariaDbTestProcess server = new MariaDbTestProcess(dir, process, port);
            server.awaitReady();
            LOG.debug("MariaDB '{}' on 127.0.0.1:{} ready in {} ms (log: {})", name, port,
                    (System.nanoTime() - started) / 1_000_000, server.log());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MariaDB '" + name + "' in " + dir, e);
        }
    }

    private static void install(MariaDbDistribution dist, Path dir) throws IOException {
        List<String> argv = List.of(dist.installScript().toString(), "--no-defaults", "--basedir=" + dist.home(),
                "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", // with an empty test db
                "--skip-name-resolve", "--force", "--innodb-log-file-size=8M", "--innodb-undo-tablespaces=0");
        Process installer = launch(dist, argv, dist.home(), dir.resolve("mariadbd.log"));
        try {
            if (!installer.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                installer.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db did not finish in " + STARTUP.toSeconds()
                        + " s; see " + dir.resolve("mariadbd.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing a data dir in " + dir, e);
        }
        if (installer.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db exited with " + installer.exitValue() + ": "
                    + tail(dir.resolve("mariadbd.log")));
        }
    }

    private static Process launch(MariaDbDistribution dist, List<String> argv, Path cwd, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(dist.environment());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ": " + tail(log()));
            }
            if (read(log()).contains("ready for connections") && Ports.accepting("127.0.0.1", port)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("interrupted while mariadbd started", e);
            }
        }
        kill();
        throw new IllegalStateException("mariadbd was not ready after " + STARTUP.toSeconds() + " s: " + tail(log()));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The data dir (the socket is {@code mariadbd.sock} in it). */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** The installer's and the server's console output. */
    public Path log() {
        return dir.resolve("mariadbd.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, the disaster: no shutdown, no flush. The data stays until {@link #stop()}. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** A clean shutdown (SIGKILL after a minute), then the data dir goes; the log stays. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(SHUTDOWN)) {
                kill();
            }
        }
        deleteTree(dir.resolve("data"));
        deleteTree(dir.resolve("tmp"));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The error lines of a log (or its last lines when it has none), for a failure message. */
    private static String tail(Path file) {
        List<String> lines = read(file).lines().toList();
        List<String> errors = lines.stream().filter(l -> l.contains("[ERROR]")).toList();
        List<String> shown = errors.isEmpty() ? lines : errors;
        return String.join(" | ", shown.subList(Math.max(0, shown.size() - 5), shown.size())) + " (log: " + file + ")";
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
