package io.stepwise.steps.localservice;

import io.stepwise.engine.spi.StepFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks that a port is free before a local server takes it, and names who holds it when not. */
public final class Ports {
    private Ports() {
    }

    /** Throws a {@link StepFailedException} naming the port and its holder when {@code host:port} cannot be bound. */
    public static void requireFree(String host, int port, String what) {
        if (port < 1 || port > 65535) {
            throw new StepFailedException("port " + port + " is out of range", "use a port between 1024 and 65535");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw taken(host, port, what);
        }
    }

    /** The failure for a port that is taken, naming who may hold it. */
    public static StepFailedException taken(String host, int port, String what) {
        return new StepFailedException("port " + port + " on " + host + " is already in use, so " + what + " cannot listen there"
                + holder(port).map(h -> " (held by " + h + ")").orElse(""),
                "stop whatever holds it (ss -ltnp 'sport = :" + port + "' shows it) or choose another port");
    }

    /** True when something accepts TCP connections at {@code host:port}. */
    public static boolean accepting(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Who listens on a TCP port, from /proc (Linux); empty when it cannot be told. */
    public static Optional<String> holder(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        Optional<String> owner = ownerOfSocket(f[9]);
                        return Optional.of(owner.orElse("a process this user cannot see"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ownerOfSocket(String inode) {
        String link = "socket:[" + inode + "]";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (holdsSocket(proc, link)) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    String self = pid == ProcessHandle.current().pid() ? ", this stepwise process" : "";
                    return Optional.of("pid " + pid + self + ": " + Processes.commandLine(pid).orElse("?"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holdsSocket(Path proc, String link) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(link);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
