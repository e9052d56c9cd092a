package io.stepwise.engine.internal;

import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads, checks and parses a plan file; every problem is collected before anything runs. */
final class PlanLoader {
    private final StepRegistry registry;
    private final ExpressionEngine expressions;
    private final YamlLoader yaml = new YamlLoader();
    /** Compiled on another thread from the start: it is the biggest part of a first validation. */
    private final java.util.concurrent.CompletableFuture<PlanSchema> schema =
            Warmup.start("plan-schema", PlanSchema::new);

    PlanLoader(StepRegistry registry, ExpressionEngine expressions) {
        this.registry = registry;
        this.expressions = expressions;
    }

    /** The plan and every problem found; inputs are checked when given. */
    record Checked(Plan plan, List<Problem> problems) {
    }

    Checked check(Path file, Map<String, String> inputs, boolean requireInputs) {
        YamlLoader.Loaded loaded;
        try {
            loaded = yaml.load(file);
        } catch (InvalidPlanException e) {
            return new Checked(null, e.problems());
        }
        return check(loaded.root(), loaded.text(), file, inputs, requireInputs);
    }

    Checked check(PlanNode root, String text, Path file, Map<String, String> inputs, boolean requireInputs) {
        List<Problem> problems = new ArrayList<>(schema().check(root));
        Plan plan = new PlanParser(problems).parse(root, file, digest(text));
        new PlanValidator(registry, expressions, problems).validate(plan);
        PlanValidator.checkInputs(plan, inputs, problems, requireInputs);
        problems.sort(Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return new Checked(plan, dedupe(problems));
    }

    /**
     * The plan as written, parsed without the schema and the validator: enough for {@code status}
     * to name each step's type, at a cost that stays linear in the plan's size. Empty when it cannot be read.
     */
    java.util.Optional<Plan> read(Path file) {
        try {
            YamlLoader.Loaded loaded = yaml.load(file);
            return java.util.Optional.of(new PlanParser(new ArrayList<>()).parse(loaded.root(), file, digest(loaded.text())));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    Plan load(Path file, Map<String, String> inputs, boolean requireInputs) {
        Checked checked = check(file, inputs, requireInputs);
        if (!checked.problems().isEmpty()) {
            throw new InvalidPlanException(checked.problems());
        }
        return checked.plan();
    }

    private PlanSchema schema() {
        return schema.join();
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        List<Problem> unique = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Problem p : problems) {
            if (seen.add(p.format())) {
                unique.add(p);
            }
        }
        return unique;
    }

    static String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
