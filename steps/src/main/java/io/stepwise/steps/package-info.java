/** The built-in generic step types (sql, exec, http, wait, assert, sleep, log), one package each. */
package io.stepwise.steps;
