package io.stepwise.cli;

/** How a run is reported: for people, or one JSON object per event for machines. */
enum OutputFormat {
    TEXT, JSON
}
