package io.stepwise.engine.api;

import java.util.List;
import java.util.stream.Collectors;

/** All the problems found in a plan, reported together. */
public class InvalidPlanException extends StepwiseException {
    private final List<Problem> problems;

    public InvalidPlanException(List<Problem> problems) {
        super(ErrorCode.INVALID_PLAN, problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
