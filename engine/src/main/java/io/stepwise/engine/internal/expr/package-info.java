/** {@code ${...}} templates and the sandboxed JEXL evaluator. */
package io.stepwise.engine.internal.expr;
