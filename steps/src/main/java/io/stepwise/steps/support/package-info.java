/** Small helpers shared by the built-in step types: literal checks, text shortening, JSON. */
package io.stepwise.steps.support;
