/** The {@code mysql.dump} step type: a consistent logical backup that captures the replication position. */
package io.stepwise.steps.mysql.dump;
