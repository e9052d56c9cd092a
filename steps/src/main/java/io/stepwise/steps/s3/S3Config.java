package io.stepwise.steps.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of an {@code s3} step.
 *
 * @param action one of {@link S3Step#ACTIONS}
 * @param uri the object or prefix
 * @param source a local file to upload (put)
 * @param content a text to upload (put)
 * @param destination a local file to download into (get)
 * @param recursive delete everything under the prefix (delete)
 * @param maxKeys at most this many keys (list)
 * @param maxTextBytes the largest object a get without destination returns as text
 */
public record S3Config(String action, StorageUri uri, Optional<String> source, Optional<String> content,
        Optional<String> destination, boolean recursive, int maxKeys, long maxTextBytes) {
    public S3Config {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(destination, "destination");
    }
}
