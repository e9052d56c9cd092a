/** The {@code assert} step (package named assertion: assert is a Java keyword): fails the run when a condition is false. */
package io.stepwise.steps.assertion;
