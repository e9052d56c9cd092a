/** TiCDC step types: {@code cdc.changefeed} (OpenAPI v2 or {@code cdc cli}), {@code cdc.redo-meta}, {@code cdc.redo-apply}. */
package io.stepwise.steps.cdc;
