package io.stepwise.steps.s3;

import io.stepwise.engine.spi.StepFailedException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds an S3 client that works against AWS, MinIO and S3Proxy alike: explicit endpoint and path style
 * from the URI, a region always (us-east-1 unless given), checksums only where the API requires them
 * (SDK 2.30+ otherwise sends trailing CRC32 checksums that S3Proxy 2.4 and older MinIO reject, and validates
 * downloads against checksums such servers do not send), and the JDK HTTP client.
 */
public final class S3Clients {
    public static final String DEFAULT_REGION = "us-east-1";

    private S3Clients() {
    }

    public static S3Client create(StorageUri uri) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofMinutes(2))
                        .build())
                .region(Region.of(uri.region().orElse(DEFAULT_REGION)))
                .credentialsProvider(credentials(uri))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(uri.forcePathStyle()).build());
        uri.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint(endpoint)));
        return builder.build();
    }

    static URI endpoint(String text) {
        URI endpoint;
        try {
            endpoint = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new StepFailedException("endpoint '" + text + "' is not a URL", "write endpoint=http://host:port", e);
        }
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new StepFailedException("endpoint '" + text + "' needs a scheme and a host",
                    "write endpoint=http://" + text);
        }
        return endpoint;
    }

    private static AwsCredentialsProvider credentials(StorageUri uri) {
        if (uri.accessKey().isEmpty() && uri.secretAccessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (uri.accessKey().isEmpty() || uri.secretAccessKey().isEmpty()) {
            throw new StepFailedException("the storage URI " + uri + " has only one of access-key and secret-access-key",
                    "give both, or neither to use the AWS default credentials (environment, profile)");
        }
        String id = uri.accessKey().orElseThrow();
        String secret = uri.secretAccessKey().orElseThrow();
        return StaticCredentialsProvider.create(uri.sessionToken()
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
    }
}
