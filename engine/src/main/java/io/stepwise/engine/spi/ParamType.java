package io.stepwise.engine.spi;

/** The value types a step parameter can declare; they drive binding, validation and the JSON Schema. */
public enum ParamType {
    STRING("string"),
    /** Multi-line text such as a script; rendered as a block. */
    TEXT("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** {@code 3s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a number of seconds. */
    DURATION("string"),
    STRING_LIST("array"),
    /** A mapping of names to values. */
    MAP("object"),
    /** A list of values of any shape. */
    LIST("array"),
    /** Any value. */
    ANY(null),
    /** The name of a connection declared under {@code connections:}. */
    CONNECTION("string"),
    /**
     * SQL text whose {@code ${...}} values are bound as statement parameters, never spliced;
     * {@code ${sql.ident(x)}} splices a quoted identifier.
     */
    SQL("string"),
    /** A list of SQL texts, each as {@link #SQL}. */
    SQL_LIST("array"),
    /** A nested step definition (for steps that run another step, such as {@code wait}). */
    STEP("object");

    private final String jsonType;

    ParamType(String jsonType) {
        this.jsonType = jsonType;
    }

    /** The JSON Schema type of a literal value, or null when any type is accepted. */
    public String jsonType() {
        return jsonType;
    }
}
