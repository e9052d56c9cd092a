package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.steps.s3.Storage;
import io.stepwise.steps.s3.StorageUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the objects directly under a storage URI's prefix (names relative to it), for the guards
 * that must look before BR or TiCDC act: a backup prefix already holding {@code backupmeta}, a redo
 * storage holding meta and log files. {@code s3://} goes through the {@code s3} step's
 * {@link Storage}; {@code local://}, {@code file://}, {@code nfs://} and plain paths are read here.
 * Empty for schemes it cannot read (gcs, azure): the caller then says the check was not made. A
 * storage that cannot be reached is a {@link StepFailedException}.
 */
public final class StorageListing {
    /** More objects than this are not looked at: the guards need only a few names. */
    static final int MAX_OBJECTS = 10_000;

    private StorageListing() {
    }

    public static Optional<List<String>> list(String uri) {
        return list(uri, false);
    }

    /**
     * Every object under the prefix, in sub-folders too, as paths relative to it ({@code a.meta},
     * {@code old/b.meta}): what {@code cdc redo} reads, since it walks the prefix recursively.
     */
    public static Optional<List<String>> listRecursive(String uri) {
        return list(uri, true);
    }

    private static Optional<List<String>> list(String uri, boolean recursive) {
        String scheme = Uris.scheme(uri);
        if ("s3".equals(scheme)) {
            return Optional.of(listS3(uri, recursive));
        }
        if (!scheme.isEmpty() && !List.of("local", "file", "nfs").contains(scheme)) {
            return Optional.empty();
        }
        Path dir = Path.of(scheme.isEmpty() ? Uris.stripQuery(uri) : Uris.stripQuery(uri).substring(scheme.length() + 3));
        if (!Files.isDirectory(dir)) {
            return Optional.of(List.of());
        }
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return Optional.of(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
                    .toList());
        } catch (IOException e) {
            throw new StepFailedException("cannot list " + dir + ": " + e.getMessage(), null, e);
        }
    }

    private static List<String> listS3(String uri, boolean recursive) {
        StorageUri parsed;
        try {
            parsed = StorageUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(e.getMessage(), "write s3://bucket/prefix?access-key=..&endpoint=http://host:port");
        }
        try (Storage storage = Storage.open(parsed)) {
            List<String> keys = storage.list(MAX_OBJECTS).stream().map(Storage.StoredObject::key).toList();
            return recursive ? under(parsed.key(), keys) : directChildren(parsed.key(), keys);
        }
    }

    /** Every name under a prefix, relative to it: {@code p/x/y} under {@code p} is {@code x/y}; not {@code p-2/z}. */
    static List<String> under(String prefix, List<String> keys) {
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return keys.stream().filter(k -> k.startsWith(base)).map(k -> k.substring(base.length()))
                .filter(name -> !name.isEmpty() && !name.endsWith("/")).sorted().toList();
    }

    /** The names directly under a prefix: {@code p/backupmeta} under {@code p}, not {@code p/x/y} or {@code p-2/z}. */
    static List<String> directChildren(String prefix, List<String> keys) {
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return keys.stream().filter(k -> k.startsWith(base)).map(k -> k.substring(base.length()))
                .filter(name -> !name.isEmpty() && !name.contains("/")).sorted().toList();
    }
}
