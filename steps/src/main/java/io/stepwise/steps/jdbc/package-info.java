/** JDBC helpers shared by the MySQL-protocol step types: connections from plan settings and SQL literal quoting. */
package io.stepwise.steps.jdbc;
