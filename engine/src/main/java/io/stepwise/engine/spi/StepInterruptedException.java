package io.stepwise.engine.spi;

/** A step stopped because the run was interrupted or its timeout passed. */
public class StepInterruptedException extends RuntimeException {
    public StepInterruptedException(String message) {
        super(message);
    }
}
