package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.StepFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the objects directly under a storage URI's prefix, for the guards that must look before
 * BR or TiCDC act: a backup prefix already holding {@code backupmeta}, a redo storage holding meta
 * and log files. Handles {@code local://}, {@code file://}, {@code nfs://} and plain paths here;
 * returns empty for schemes it cannot read (then the caller says the check was not made).
 */
public final class StorageListing {
    private StorageListing() {
    }

    public static Optional<List<String>> list(String uri) {
        String scheme = Uris.scheme(uri);
        if (!scheme.isEmpty() && !List.of("local", "file", "nfs").contains(scheme)) {
            return Optional.empty();
        }
        Path dir = Path.of(scheme.isEmpty() ? Uris.stripQuery(uri) : Uris.stripQuery(uri).substring(scheme.length() + 3));
        if (!Files.isDirectory(dir)) {
            return Optional.of(List.of());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return Optional.of(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw new StepFailedException("cannot list " + dir + ": " + e.getMessage(), null, e);
        }
    }
}
