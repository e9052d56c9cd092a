package io.stepwise.steps.cdc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cdc.changefeed}: one action on one changefeed, through the TiCDC OpenAPI v2 or {@code cdc cli}.
 *
 * @param server        the TiCDC address, such as {@code http://127.0.0.1:8300}
 * @param spec          what create and update send
 * @param waiting       what wait (and pause) poll for
 * @param redoApplied   remove only: the plan's statement that this changefeed's redo log was applied
 *                      or is knowingly given up; without it a redo-enabled changefeed is not removed
 * @param rollbackRemove what the rollback of create does (see {@link RollbackRemove})
 */
public record ChangefeedConfig(
        Action action,
        Via via,
        String server,
        String changefeedId,
        Optional<String> namespace,
        Spec spec,
        Wait waiting,
        Optional<Long> overwriteCheckpointTs,
        boolean redoApplied,
        RollbackRemove rollbackRemove,
        List<String> command,
        Optional<String> user,
        Optional<String> password,
        Optional<Boolean> disableGcCheck,
        Optional<io.stepwise.engine.spi.ConnectionInfo> upstream,
        boolean allowRedoOnPrimaryHost) {

    public enum Action { CREATE, QUERY, PAUSE, RESUME, UPDATE, REMOVE, WAIT }

    public enum Via { API, CLI }

    /**
     * The rollback of create. {@code IF_NO_REDO} (default) removes a changefeed without redo log and
     * leaves a redo-enabled one to a person; {@code ALWAYS} removes it anyway (a setup plan whose
     * primary is alive: nothing has failed over, so its redo log is not needed); {@code NEVER} keeps it.
     */
    public enum RollbackRemove { IF_NO_REDO, ALWAYS, NEVER }

    /** What create and update send: sink, timestamps, redo ({@code consistent}), syncpoint, more replica config. */
    public record Spec(Optional<String> sinkUri, Optional<Long> startTs, Optional<Long> targetTs,
            Optional<String> redoStorage, String redoLevel, Optional<Long> redoMaxLogSize,
            Optional<Long> redoFlushInterval, Optional<String> redoCompression, Optional<Boolean> enableSyncPoint,
            Optional<String> syncPointInterval, Map<String, Object> replicaConfig) {
        public Spec {
            Objects.requireNonNull(sinkUri, "sinkUri");
            Objects.requireNonNull(redoLevel, "redoLevel");
            replicaConfig = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replicaConfig));
        }

        public boolean redoEnabled() {
            return redoStorage.isPresent() && !"none".equals(redoLevel);
        }

        /** {@code ignore_ineligible_table} or {@code force_replicate} set in replica_config. */
        public boolean ignoresIneligible() {
            return Boolean.TRUE.equals(replicaConfig.get("ignore_ineligible_table"))
                    || Boolean.TRUE.equals(replicaConfig.get("force_replicate"));
        }

        public boolean hasReplicaConfig() {
            return redoStorage.isPresent() || enableSyncPoint.isPresent() || syncPointInterval.isPresent()
                    || !replicaConfig.isEmpty();
        }
    }

    /** wait: until the state is normal, or until the checkpoint reaches a TS; pause waits for stopped. */
    public record Wait(boolean forCheckpoint, Optional<Long> checkpointTs, Duration pollInterval, Duration timeout) {
        public Wait {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    public ChangefeedConfig {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(changefeedId, "changefeedId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(waiting, "waiting");
        command = List.copyOf(command);
        Objects.requireNonNull(upstream, "upstream");
    }
}
