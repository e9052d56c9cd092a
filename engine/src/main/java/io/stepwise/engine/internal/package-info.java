/** Engine internals (loader, evaluator, executor, journal); no compatibility promises. */
package io.stepwise.engine.internal;
