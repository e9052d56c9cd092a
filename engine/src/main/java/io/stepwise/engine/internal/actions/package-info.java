/** The real action runner: SQL over JDBC, child processes, HTTP and files, with masking and interruption. */
package io.stepwise.engine.internal.actions;
