package io.stepwise.steps.br;

import java.util.Optional;

/** What to do about the BR failures the reference lists (tidb-tooling.md 4.3, 4.4 and 8.6-8.8). */
final class BrHints {
    private BrHints() {
    }

    static Optional<String> forMessage(String message) {
        String text = message == null ? "" : message;
        if (text.contains("backup meta file exists")) {
            return Optional.of("the storage prefix already holds a backup: use a fresh prefix for every backup,"
                    + " such as s3://backup/<plan>-<run id>");
        }
        if (text.contains("not fresh") || text.contains("ErrRestoreNotFreshCluster")) {
            return Optional.of("the target cluster holds user tables: drop the user databases first or restore into a"
                    + " fresh cluster");
        }
        if (text.contains("found CDC changefeed")) {
            return Optional.of("the target's PD holds TiCDC changefeeds: remove them first, but a redo-enabled"
                    + " changefeed only after its redo log was applied (cdc.redo-apply)");
        }
        if (text.contains("requires tikv store")) {
            return Optional.of("BACKUP/RESTORE need a TiKV cluster; unistore (tidb-server alone) cannot run them");
        }
        if (text.contains("scheme not found in endpoint")) {
            return Optional.of("write the endpoint with its scheme: endpoint=http://host:port");
        }
        return Optional.empty();
    }
}
