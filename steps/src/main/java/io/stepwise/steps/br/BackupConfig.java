package io.stepwise.steps.br;

import java.util.Objects;
import java.util.Optional;

/** {@code br.backup}: the shared BR options plus what only a backup takes. */
public record BackupConfig(
        BrOptions options,
        Optional<String> compression,
        Optional<Long> compressionLevel,
        Optional<Boolean> ignoreStats,
        Optional<String> snapshot,
        Optional<String> lastBackup,
        Optional<Long> gcTtl,
        boolean checkFreshPrefix) {

    public BackupConfig {
        Objects.requireNonNull(options, "options");
    }
}
