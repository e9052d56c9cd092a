/** What the local servers ({@code mariadb.local}, {@code s3.local}) share: port checks and process lookups. */
package io.stepwise.steps.localservice;
