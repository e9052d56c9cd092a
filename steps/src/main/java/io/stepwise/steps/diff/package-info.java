/**
 * The {@code diff} step type: a chunked MD5/BIT_XOR checksum comparison of tables on two
 * MySQL-protocol servers, bisected down to rows, with fix SQL.
 */
package io.stepwise.steps.diff;
