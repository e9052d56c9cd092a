/** The step SPI: what a step type declares (parameters, outputs, actions) and what the engine offers it while running. */
package io.stepwise.engine.spi;
