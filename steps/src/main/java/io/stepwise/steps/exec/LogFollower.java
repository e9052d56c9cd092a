package io.stepwise.steps.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Reads a growing log from the start, a piece per call, and tells whether a line matched. */
final class LogFollower {
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final Pattern pattern;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    LogFollower(Path file, Pattern pattern) {
        this.file = file;
        this.pattern = pattern;
    }

    /** True once a complete line, or the unfinished last one, matches. */
    boolean matched() throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            int read = channel.read(buffer);
            if (read > 0) {
                offset += read;
                partial.write(buffer.array(), 0, read);
            }
        }
        byte[] bytes = partial.toByteArray();
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (matches(bytes, lineStart, i)) {
                    return true;
                }
                lineStart = i + 1;
            }
        }
        partial.reset();
        partial.write(bytes, lineStart, bytes.length - lineStart);
        return matches(bytes, lineStart, bytes.length);
    }

    private boolean matches(byte[] bytes, int from, int to) {
        return pattern.matcher(new String(bytes, from, to - from, StandardCharsets.UTF_8)).find();
    }
}
