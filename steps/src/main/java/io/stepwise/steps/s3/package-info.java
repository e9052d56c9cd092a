/** The {@code s3} step type and the storage layer the dump, load and TiDB steps share: storage URIs, S3 and local objects. */
package io.stepwise.steps.s3;
