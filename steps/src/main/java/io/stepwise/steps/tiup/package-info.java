/** {@code tiup.playground}: a local TiDB cluster in the background on explicit ports. */
package io.stepwise.steps.tiup;
