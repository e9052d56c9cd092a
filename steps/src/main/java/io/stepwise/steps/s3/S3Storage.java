package io.stepwise.steps.s3;

import io.stepwise.engine.spi.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Objects in an S3 bucket (AWS, MinIO, S3Proxy), through aws-sdk-java-v2 set up by {@link S3Clients}. */
final class S3Storage implements Storage {
    /** Files above this size go up in parts of this size (S3 needs parts of 5 MiB to 5 GiB). */
    static final long PART_SIZE = 64L * 1024 * 1024;

    private final StorageUri uri;
    private final S3Client client;

    S3Storage(StorageUri uri) {
        this.uri = uri;
        this.client = S3Clients.create(uri);
    }

    @Override
    public StorageUri uri() {
        return uri;
    }

    @Override
    public boolean ensureContainer() {
        return call("check bucket", () -> {
            try {
                client.headBucket(b -> b.bucket(uri.bucket()));
                return false;
            } catch (NoSuchBucketException e) {
                client.createBucket(b -> b.bucket(uri.bucket()));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    client.createBucket(b -> b.bucket(uri.bucket()));
                    return true;
                }
                throw e;
            }
        });
    }

    @Override
    public List<StoredObject> list(int max) {
        return call("list", () -> {
            List<StoredObject> objects = new ArrayList<>();
            String token = null;
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(uri.bucket())
                        .prefix(uri.key()).maxKeys(Math.min(1000, max - objects.size()));
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response response = client.listObjectsV2(request.build());
                for (S3Object o : response.contents()) {
                    objects.add(new StoredObject(o.key(), o.size() == null ? 0 : o.size()));
                }
                token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
            } while (token != null && objects.size() < max);
            return List.copyOf(objects);
        });
    }

    @Override
    public Optional<Long> size() {
        if (uri.key().isEmpty()) {
            throw new StepFailedException(uri + " names a bucket, not an object", "add the object key to the URI");
        }
        return call("check", () -> {
            try {
                return Optional.of(client.headObject(h -> h.bucket(uri.bucket()).key(uri.key())).contentLength());
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                // a HEAD answer has no body, so a missing bucket looks like a missing key
                requireBucket();
                return Optional.empty();
            }
        });
    }

    private boolean bucketExists() {
        try {
            client.headBucket(b -> b.bucket(uri.bucket()));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long put(Path file) {
        requireKey();
        return call("upload", () -> {
            requireBucket();
            long size = io(() -> Files.size(file));
            if (size <= PART_SIZE) {
                client.putObject(p -> p.bucket(uri.bucket()).key(uri.key()).contentLength(size), RequestBody.fromFile(file));
            } else {
                putInParts(file, size);
            }
            return size;
        });
    }

    private void putInParts(Path file, long size) {
        String uploadId = client.createMultipartUpload(c -> c.bucket(uri.bucket()).key(uri.key())).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; (long) (number - 1) * PART_SIZE < size; number++) {
                long length = Math.min(PART_SIZE, size - (number - 1) * PART_SIZE);
                final int partNumber = number;
                String etag = client.uploadPart(u -> u.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length), RequestBody.fromInputStream(in, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(c -> c.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(a -> a.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public long putText(String text) {
        requireKey();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return call("upload", () -> {
            requireBucket();
            client.putObject(p -> p.bucket(uri.bucket()).key(uri.key()).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
            return (long) bytes.length;
        });
    }

    @Override
    public long get(Path destination) {
        requireKey();
        return call("download", () -> {
            Path target = destination.toAbsolutePath();
            io(() -> Files.createDirectories(target.getParent()));
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(g -> g.bucket(uri.bucket()).key(uri.key()))) {
                io(() -> Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            io(() -> Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
            return io(() -> Files.size(target));
        });
    }

    @Override
    public String getText(long maxBytes) {
        requireKey();
        return call("download", () -> {
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(g -> g.bucket(uri.bucket()).key(uri.key()))) {
                Long length = in.response().contentLength();
                if (length != null && length > maxBytes) {
                    throw new StepFailedException(uri.location() + " has " + length + " bytes, more than the " + maxBytes
                            + " a text read takes", "download it with a destination instead");
                }
                return new String(in.readNBytes((int) maxBytes), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public int delete(boolean recursive) {
        return call("delete", () -> {
            if (!recursive) {
                requireKey();
                boolean existed = size().isPresent();
                client.deleteObject(d -> d.bucket(uri.bucket()).key(uri.key()));
                return existed ? 1 : 0;
            }
            int count = 0;
            for (StoredObject object : list(Integer.MAX_VALUE)) {
                client.deleteObject(d -> d.bucket(uri.bucket()).key(object.key()));
                count++;
            }
            return count;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    /** Some servers (S3Proxy's filesystem store) create a missing bucket on upload; a plan should be told instead. */
    private void requireBucket() {
        if (!bucketExists()) {
            throw new StepFailedException(S3Errors.noBucket(uri), S3Errors.NO_BUCKET_HINT);
        }
    }

    private void requireKey() {
        if (uri.key().isEmpty() || uri.key().endsWith("/")) {
            throw new StepFailedException(uri + " names a prefix, not an object", "add the object name to the URI");
        }
    }

    private <T> T call(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (StepFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw S3Errors.translate(what, uri, e);
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
