/** The {@code exec} step: a process from an argv or a shell script, in the foreground or in the background. */
package io.stepwise.steps.exec;
