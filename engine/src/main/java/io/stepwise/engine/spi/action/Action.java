package io.stepwise.engine.spi.action;

import java.util.Map;
import java.util.Optional;

/**
 * Something a step intends to do outside the run: a SQL statement, a process, an HTTP request, an
 * S3 call, a file. Dry-run renders actions (with secrets masked); steps may define their own kinds.
 */
public interface Action {
    /** A short kind such as {@code sql}, {@code exec}, {@code http}, {@code s3}, {@code file}, {@code note}. */
    String kind();

    /** One line saying what and where, such as {@code on primary (mysql root@127.0.0.1:3306)}. */
    String summary();

    /** The body, if any: the SQL text, the script, the request body, the file content. */
    default Optional<String> block() {
        return Optional.empty();
    }

    /** The language of the block for markdown fences: sql, sh, json, toml, text. */
    default String blockLanguage() {
        return "text";
    }

    /** Every field, for the JSON rendering. */
    Map<String, Object> fields();
}
