package io.stepwise.steps.s3.local;

import io.stepwise.engine.spi.action.BackgroundProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy running in this JVM, as a background resource of the run. */
final class S3LocalServer implements BackgroundProcess {
    private static final Logger LOG = LoggerFactory.getLogger(S3LocalServer.class);

    private final String name;
    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final Path logFile;

    private S3LocalServer(String name, S3Proxy proxy, BlobStoreContext blobs, Path logFile) {
        this.name = name;
        this.proxy = proxy;
        this.blobs = blobs;
        this.logFile = logFile;
    }

    /** Starts S3Proxy and waits until it listens; the caller has checked that the port is free. */
    static S3LocalServer start(S3LocalConfig config, Path dataDir, Path logFile) throws Exception {
        Properties overrides = new Properties();
        // by API metadata, not by name: a lookup by name loads every registered provider, and S3Proxy registers an
        // Azure one whose classes are left out of the build
        ContextBuilder builder = ContextBuilder.newBuilder(config.store().equals("filesystem")
                ? new FilesystemApiMetadata() : new TransientApiMetadata())
                .credentials(config.accessKey(), config.secretKey())
                // its diagnostics go through slf4j with stepwise's, not java.util.logging's console handler
                .modules(java.util.List.of(new SLF4JLoggingModule()));
        if (config.store().equals("filesystem")) {
            Files.createDirectories(dataDir);
            overrides.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        }
        BlobStoreContext blobs = builder.overrides(overrides).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(java.net.URI.create(config.endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, config.accessKey(), config.secretKey())
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                    throw new IOException("S3Proxy did not start (state " + proxy.getState() + ")");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            blobs.close();
            throw e;
        }
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, Instant.now() + " s3.local " + config.name() + " listening on " + config.endpoint()
                + " (" + config.store() + (config.store().equals("filesystem") ? " store in " + dataDir : " store") + ")\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new S3LocalServer(config.name(), proxy, blobs, logFile);
    }

    int port() {
        return proxy.getPort();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return "STARTED".equals(proxy.getState());
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String outputTail(int maxChars) {
        try {
            String text = Files.readString(logFile, StandardCharsets.UTF_8);
            return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void stop() {
        if (!"STOPPED".equals(proxy.getState())) {
            stopQuietly(proxy);
            blobs.close();
            try {
                Files.writeString(logFile, Instant.now() + " s3.local " + name + " stopped\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.debug("cannot append to {}", logFile, e);
            }
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("stopping S3Proxy failed", e);
        }
    }
}
