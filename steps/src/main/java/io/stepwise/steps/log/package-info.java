/** The {@code log} step: a line for the person running the plan. */
package io.stepwise.steps.log;
