/** The command line: picocli commands that bind options, call the engine and render its run events. */
package io.stepwise.cli;
