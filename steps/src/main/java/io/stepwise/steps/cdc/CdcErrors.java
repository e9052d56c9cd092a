package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.StepFailedException;
import java.util.Map;
import java.util.Optional;

/**
 * TiCDC API errors ({@code {"error_msg", "error_code"}}, tidb-tooling.md 1.4) as step failures that
 * say what to do.
 */
final class CdcErrors {
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("CDC:ErrStartTsBeforeGC", "GC already collected data after this start_ts, so no changefeed"
                    + " can begin there (TiCDC checks start_ts against the GC safepoint on the server, whatever the"
                    + " client flags). Two remedies: take a new backup and create the changefeed from its BackupTS, or"
                    + " hold GC in time: GC off (tidb.gc action: disable) from before the BACKUP until the changefeed"
                    + " is normal. pd-ctl service-gc-safepoint shows the safepoint."),
            Map.entry("CDC:ErrChangeFeedNotExists", "no changefeed has this id in this namespace; list them with"
                    + " GET /api/v2/changefeeds?state=all"),
            Map.entry("CDC:ErrChangeFeedAlreadyExists", "a changefeed with this id exists: query it, or remove it"
                    + " first (never a redo-enabled one before its redo log was applied)"),
            Map.entry("CDC:ErrChangefeedUpdateRefused", "update needs a stopped changefeed: pause it first"),
            Map.entry("CDC:ErrSameUpstreamDownstream", "the sink URI points at the upstream cluster itself"),
            Map.entry("CDC:ErrUpstreamHasRunningImport", "a BR restore or Lightning import is running on the upstream;"
                    + " wait for it to finish"),
            Map.entry("CDC:ErrSinkURIInvalid", "check the sink URI: mysql://user:password@host:port/"),
            Map.entry("CDC:ErrTableIneligible", "the tables named have no primary or not-null unique key and TiCDC"
                    + " cannot replicate them: add a key to each, or set replica_config {ignore_ineligible_table:"
                    + " true} to replicate without them (name the upstream connection to list them before create)"),
            Map.entry("CDC:ErrServerIsNotReady", "the TiCDC server is starting; retry the step in a few seconds"),
            Map.entry("CDC:ErrAPIInvalidParam", "a parameter was refused; the message says which"),
            Map.entry("CDC:ErrTargetTsBeforeStartTs", "target_ts must be greater than start_ts"),
            Map.entry("CDC:ErrMySQLConnectionError", "TiCDC cannot reach the sink; check its address and credentials"),
            Map.entry("CDC:ErrGCTTLExceeded", "the changefeed stalled longer than the TiCDC server gc-ttl and lost its data; recreate it"
                    + " from a new backup"),
            Map.entry("CDC:ErrSnapshotLostByGC", "GC collected data the changefeed still needed; recreate it from a"
                    + " new backup"));

    private CdcErrors() {
    }

    static Optional<String> hint(String code) {
        return Optional.ofNullable(HINTS.get(code));
    }

    /** A failure from an API answer that is not 200. */
    static StepFailedException fromApi(String what, int status, Object json, String body) {
        String code = null;
        String message = body;
        if (json instanceof Map<?, ?> map && map.get("error_code") != null) {
            code = String.valueOf(map.get("error_code"));
            message = String.valueOf(map.get("error_msg"));
        }
        String hint = code == null ? null : hint(code).orElse(null);
        if (status == 401) {
            hint = "TiCDC requires a TiDB user (security.client-user-required): set user and password";
        } else if (status == 503 && hint == null) {
            hint = hint("CDC:ErrServerIsNotReady").orElseThrow();
        }
        return new StepFailedException(what + ": HTTP " + status + (code == null ? "" : " " + code)
                + (message == null || message.isBlank() ? "" : ": " + message.strip()), hint);
    }
}
