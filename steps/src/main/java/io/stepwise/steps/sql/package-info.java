/** The {@code sql} step: a query or statements on a MySQL-protocol connection, values bound as parameters. */
package io.stepwise.steps.sql;
