package io.stepwise.steps.tidb.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.Map;

/**
 * The TOML files the tools read (changefeed config, sync-diff-inspector config), written and read by
 * jackson-dataformat-toml: nested mappings become dotted keys ({@code consistent.level = 'eventual'}),
 * lists of mappings stay arrays of tables ({@code sink.dispatchers = [{matcher = [..], ..}]}), and
 * strings are quoted as TOML 1.0 asks. TiCDC and sync-diff-inspector read TOML 1.0 (BurntSushi/toml v1).
 */
public final class Toml {
    private static final TomlMapper MAPPER = new TomlMapper();

    private Toml() {
    }

    public static String write(Map<String, ?> document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write TOML: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a TOML document into nested maps and lists, as the tools would read it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(String text) {
        try {
            return MAPPER.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not TOML: " + e.getOriginalMessage(), e);
        }
    }
}
