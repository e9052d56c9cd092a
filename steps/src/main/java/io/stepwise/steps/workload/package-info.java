/** The {@code workload} step type: sysbench's oltp tables and write load, and a bank load with an invariant check. */
package io.stepwise.steps.workload;
