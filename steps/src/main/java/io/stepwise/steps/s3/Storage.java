package io.stepwise.steps.s3;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Objects at a {@link StorageUri}, on S3 or on the local file system. Every failure a person can fix is a
 * {@link io.stepwise.engine.spi.StepFailedException} with a one-line message and a hint.
 */
public interface Storage extends AutoCloseable {
    /** The object or prefix this storage works on. */
    StorageUri uri();

    /** Creates the bucket (or directory) when missing; true when it was created. */
    boolean ensureContainer();

    /** The objects under the URI's prefix, at most {@code max}, by key. */
    List<StoredObject> list(int max);

    /** The size of the object, empty when there is none. */
    Optional<Long> size();

    /** Uploads a local file as the object; returns its size. */
    long put(Path file);

    /** Stores a text as the object; returns its size in bytes. */
    long putText(String text);

    /** Downloads the object to a local file; returns its size. */
    long get(Path destination);

    /** Reads the object as UTF-8 text, failing when it is larger than {@code maxBytes}. */
    String getText(long maxBytes);

    /** Deletes the object, or every object under the prefix when {@code recursive}; returns how many. */
    int delete(boolean recursive);

    @Override
    void close();

    /** Opens the storage a URI names: S3 through aws-sdk-java-v2, or the local file system. */
    static Storage open(StorageUri uri) {
        return uri.isS3() ? new S3Storage(uri) : new LocalStorage(uri);
    }

    /** One object as a listing shows it; the key is relative to the bucket (s3) or absolute (local). */
    record StoredObject(String key, long size) {
    }
}
