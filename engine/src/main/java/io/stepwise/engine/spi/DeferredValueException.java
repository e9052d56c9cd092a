package io.stepwise.engine.spi;

/** Thrown by {@link Params} when a parameter that must be a number or a flag is only known at run time. */
public class DeferredValueException extends RuntimeException {
    private final String parameter;
    private final Deferred value;

    public DeferredValueException(String parameter, Deferred value) {
        super("parameter '" + parameter + "' is known only at run time: " + value);
        this.parameter = parameter;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    public Deferred value() {
        return value;
    }
}
