/** The {@code http} step: one HTTP request, with its expected status and the body parsed as JSON. */
package io.stepwise.steps.http;
