package io.stepwise.steps.s3;

import io.stepwise.engine.spi.StepFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK exceptions into the one-line messages a person can act on, with hints. */
final class S3Errors {
    static final String NO_BUCKET_HINT = "create it first with an s3 step, action: ensure-bucket (or buckets: of s3.local), "
            + "or check the bucket name in the URI";
    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed", "InvalidSecurity");

    private S3Errors() {
    }

    static String noBucket(StorageUri uri) {
        return "bucket '" + uri.bucket() + "' does not exist" + at(uri);
    }

    static StepFailedException translate(String what, StorageUri uri, RuntimeException e) {
        if (e instanceof NoSuchBucketException || e instanceof S3Exception s && "NoSuchBucket".equals(code(s))) {
            return new StepFailedException(noBucket(uri), NO_BUCKET_HINT, e);
        }
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s && "NoSuchKey".equals(code(s))) {
            return new StepFailedException("no object " + uri.location() + at(uri),
                    "check the key, or list the prefix with action: list", e);
        }
        if (e instanceof S3Exception s) {
            String code = code(s);
            if (s.statusCode() == 403 || code != null && CREDENTIAL_CODES.contains(code)) {
                return new StepFailedException("S3" + at(uri) + " rejected the credentials for bucket '" + uri.bucket() + "' ("
                        + (code == null ? "HTTP 403" : code) + ")",
                        "check access-key and secret-access-key in the URI (and region= for AWS)", e);
            }
            return new StepFailedException("S3 " + what + " of " + uri.location() + " failed" + at(uri) + ": "
                    + (code == null ? "HTTP " + s.statusCode() : code + ": " + s.awsErrorDetails().errorMessage()), null, e);
        }
        if (e instanceof SdkClientException) {
            Throwable root = rootCause(e);
            String endpoint = uri.endpoint().orElse("AWS S3");
            if (root instanceof ConnectException) {
                return new StepFailedException("cannot connect to the S3 endpoint " + endpoint + ": " + root.getMessage(),
                        "is the S3 server running? Start one with s3.local, or check endpoint= in the URI", e);
            }
            if (root instanceof UnknownHostException) {
                return new StepFailedException("unknown host in the S3 endpoint " + endpoint + ": " + root.getMessage(),
                        "check endpoint= in the URI", e);
            }
            if (root instanceof SocketTimeoutException) {
                return new StepFailedException("the S3 endpoint " + endpoint + " did not answer in time", "check endpoint=", e);
            }
            return new StepFailedException("S3 " + what + " of " + uri.location() + " failed: " + e.getMessage(), null, e);
        }
        return new StepFailedException("S3 " + what + " of " + uri.location() + " failed: " + e, null, e);
    }

    private static String at(StorageUri uri) {
        return uri.endpoint().map(ep -> " at " + ep).orElse("");
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
