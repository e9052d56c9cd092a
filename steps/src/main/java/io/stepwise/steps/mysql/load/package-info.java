/** The {@code mysql.load} step type: loads a logical dump into a server without writing its binary log. */
package io.stepwise.steps.mysql.load;
