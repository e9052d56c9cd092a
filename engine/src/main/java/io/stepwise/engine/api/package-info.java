/** Stable types users of the engine see: the plan model, run events, results and the exception family. */
package io.stepwise.engine.api;
