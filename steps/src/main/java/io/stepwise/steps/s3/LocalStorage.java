package io.stepwise.steps.s3;

import io.stepwise.engine.spi.StepFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@code local://} URI or a plain path: the directory plays the bucket, files play objects. */
final class LocalStorage implements Storage {
    private final StorageUri uri;
    private final Path path;

    LocalStorage(StorageUri uri) {
        this.uri = uri;
        this.path = uri.path().toAbsolutePath().normalize();
    }

    @Override
    public StorageUri uri() {
        return uri;
    }

    @Override
    public boolean ensureContainer() {
        Path dir = uri.isPrefix() ? path : path.getParent();
        if (Files.isDirectory(dir)) {
            return false;
        }
        return io(() -> {
            Files.createDirectories(dir);
            return true;
        });
    }

    @Override
    public List<StoredObject> list(int max) {
        if (Files.isRegularFile(path)) {
            return List.of(new StoredObject(path.toString(), io(() -> Files.size(path))));
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        return io(() -> {
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile).sorted().limit(max)
                        .map(f -> new StoredObject(f.toString(), f.toFile().length())).toList();
            }
        });
    }

    @Override
    public Optional<Long> size() {
        return Files.isRegularFile(path) ? Optional.of(io(() -> Files.size(path))) : Optional.empty();
    }

    @Override
    public long put(Path file) {
        ensureContainer();
        return io(() -> {
            Files.copy(file, path, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(path);
        });
    }

    @Override
    public long putText(String text) {
        ensureContainer();
        return io(() -> {
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return Files.size(path);
        });
    }

    @Override
    public long get(Path destination) {
        requireFile();
        return io(() -> {
            if (destination.toAbsolutePath().normalize().equals(path)) {
                return Files.size(path);
            }
            Path parent = destination.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(destination);
        });
    }

    @Override
    public String getText(long maxBytes) {
        requireFile();
        return io(() -> {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new StepFailedException(path + " has " + size + " bytes, more than the " + maxBytes + " a text read takes",
                        "download it with a destination instead");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        });
    }

    @Override
    public int delete(boolean recursive) {
        if (Files.isDirectory(path) && recursive) {
            return io(() -> {
                List<Path> all;
                try (Stream<Path> files = Files.walk(path)) {
                    all = files.sorted(Comparator.reverseOrder()).toList();
                }
                int count = 0;
                for (Path p : all) {
                    count += Files.isRegularFile(p) ? 1 : 0;
                    Files.delete(p);
                }
                return count;
            });
        }
        if (Files.isDirectory(path)) {
            throw new StepFailedException(path + " is a directory", "set recursive: true to delete everything under it");
        }
        return io(() -> Files.deleteIfExists(path) ? 1 : 0);
    }

    @Override
    public void close() {
    }

    private void requireFile() {
        if (!Files.isRegularFile(path)) {
            throw new StepFailedException("no file at " + path, "check the path, or list the directory with action: list");
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (NoSuchFileException e) {
            throw new StepFailedException("no such file or directory: " + e.getFile(), "check the path", e);
        } catch (IOException e) {
            throw new StepFailedException("file system error: " + e, null, new UncheckedIOException(e));
        }
    }
}
