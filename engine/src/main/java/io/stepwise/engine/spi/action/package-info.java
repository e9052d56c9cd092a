/** The actions steps intend (for dry-run) and perform (through {@link io.stepwise.engine.spi.action.ActionRunner}). */
package io.stepwise.engine.spi.action;
