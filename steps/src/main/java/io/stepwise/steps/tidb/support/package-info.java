/** Helpers shared by the TiDB tool steps: TSOs, storage and sink URIs, SQL literals, TOML, tool output. */
package io.stepwise.steps.tidb.support;
