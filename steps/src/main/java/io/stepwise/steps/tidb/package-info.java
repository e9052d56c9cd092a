/** TiDB step types ({@code tidb.gc}, {@code tidb.tso}) and the helpers the TiDB tool steps share. */
package io.stepwise.steps.tidb;
