/** {@code sysbench}: prepare, run and clean up the sysbench OLTP tables through a generated config file. */
package io.stepwise.steps.sysbench;
