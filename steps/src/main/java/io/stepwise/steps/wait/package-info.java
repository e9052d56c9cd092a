/** The {@code wait} step: polls a nested check step until an expression over its result holds. */
package io.stepwise.steps.wait;
