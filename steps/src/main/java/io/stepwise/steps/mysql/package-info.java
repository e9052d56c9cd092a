/** What the MySQL-protocol client steps share: client option files, dump positions, client error hints. */
package io.stepwise.steps.mysql;
