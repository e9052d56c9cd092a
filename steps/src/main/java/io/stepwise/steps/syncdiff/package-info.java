/** {@code sync-diff}: sync-diff-inspector with a generated TOML, a fresh output dir and a parsed summary. */
package io.stepwise.steps.syncdiff;
