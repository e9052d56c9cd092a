package io.stepwise.engine.api;

/** The renderings of a dry-run. */
public enum DryRunFormat {
    TEXT, MARKDOWN, JSON
}
