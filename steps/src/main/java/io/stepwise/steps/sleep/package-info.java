/** The {@code sleep} step: pauses the run, waking early when it is interrupted. */
package io.stepwise.steps.sleep;
