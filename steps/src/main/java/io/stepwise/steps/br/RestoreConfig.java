package io.stepwise.steps.br;

import java.util.Objects;
import java.util.Optional;

/** {@code br.restore}: the shared BR options plus what only a restore takes, and its guard rails. */
public record RestoreConfig(
        BrOptions options,
        Optional<Boolean> loadStats,
        Optional<Boolean> withSysTable,
        Optional<Boolean> waitTiflashReady,
        boolean requireEmpty,
        Optional<String> ticdcUrl) {

    public RestoreConfig {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(ticdcUrl, "ticdcUrl");
    }
}
