/** The {@code mariadb.local} step type: start, stop and kill local MariaDB servers from the bundled binaries. */
package io.stepwise.steps.mariadb.local;
