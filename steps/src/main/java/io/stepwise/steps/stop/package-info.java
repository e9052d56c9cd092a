/** The {@code stop} step type: stops the background processes an earlier step started. */
package io.stepwise.steps.stop;
