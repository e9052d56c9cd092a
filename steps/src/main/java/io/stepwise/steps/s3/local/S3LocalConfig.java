package io.stepwise.steps.s3.local;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of an {@code s3.local} step.
 *
 * @param name the server's name, for logs and the data dir
 * @param host the address to listen on (loopback by default)
 * @param port the port to listen on
 * @param accessKey the access key clients sign with
 * @param secretKey the secret key (secret)
 * @param store {@code filesystem} (objects are files under the data dir) or {@code transient} (in memory)
 * @param dataDir where a filesystem store keeps its buckets; empty for the default inside the run dir
 * @param buckets buckets to create at start
 * @param keep leave it running when the run ends
 */
public record S3LocalConfig(String name, String host, int port, String accessKey, String secretKey, String store,
        Optional<String> dataDir, List<String> buckets, boolean keep) {
    public S3LocalConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dataDir, "dataDir");
        buckets = List.copyOf(buckets);
    }

    public String endpoint() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
