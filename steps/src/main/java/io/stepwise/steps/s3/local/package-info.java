/** The {@code s3.local} step type: an S3 server (S3Proxy) inside the runner, playing the guide's MinIO. */
package io.stepwise.steps.s3.local;
