/** The {@code mysql.replication} step type: start, wait for, drain, promote and inspect a MariaDB GTID replica. */
package io.stepwise.steps.mysql.replication;
