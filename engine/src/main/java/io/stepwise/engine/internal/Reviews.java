package io.stepwise.engine.internal;

import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.ReviewFile;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.spi.StepType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Review files: a dry-run saved for review ({@code dry-run --save}) with the fingerprint of what
 * decides the run, and the check that a run ({@code run --reviewed}) is still what was reviewed.
 */
final class Reviews {
    private final StepRegistry registry;
    private final ExpressionEngine expressions;

    Reviews(StepRegistry registry, ExpressionEngine expressions) {
        this.registry = registry;
        this.expressions = expressions;
    }

    /** What a run was checked against: the review file's digest and the plan it matched. */
    record Matched(String reviewDigest, String reviewName) {
    }

    /** The review file's text: the markdown dry-run, then the fingerprint in a fenced block. */
    String reviewFile(Plan plan, Map<String, String> given) {
        String markdown = new DryRunner(plan, registry, expressions).render(given, DryRunFormat.MARKDOWN);
        ReviewFingerprint print = fingerprint(plan, given);
        return markdown.stripTrailing() + "\n\n## Review fingerprint\n\n"
                + "What decides this run, as reviewed above. Run exactly this with `stepwise run " + plan.source().getFileName()
                + " --reviewed THIS_FILE` (with the same `--set` values): a run whose plan, inputs, environment or stepwise "
                + "differs from it is refused before any step runs.\n\n"
                + "<details><summary>fingerprint</summary>\n\n" + print.block() + "\n</details>\n";
    }

    /** Refuses (exit 2, nothing run) when the plan as it would run now is not what the review file shows. */
    Matched check(Plan plan, Map<String, String> given, ReviewFile review) {
        ReviewFingerprint reviewed = ReviewFingerprint.parse(review.text(), review.name());
        ReviewFingerprint now = fingerprint(plan, given);
        List<String> differences = now.differencesFrom(reviewed);
        if (!differences.isEmpty()) {
            throw new StepwiseException(ErrorCode.USAGE, "the run differs from what " + review.name() + " reviewed ("
                    + differences.size() + (differences.size() == 1 ? " change" : " changes") + "), nothing was run:\n  "
                    + String.join("\n  ", differences), "review the change: stepwise dry-run " + plan.source()
                    + " --save " + review.name() + ", and have it reviewed again");
        }
        return new Matched(ReviewFingerprint.digest(review.text()), review.name());
    }

    ReviewFingerprint fingerprint(Plan plan, Map<String, String> given) {
        Map<String, String> texts = new DryRunner(plan, registry, expressions).stepTexts(given);
        List<ReviewFingerprint.Step> steps = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (StepDef step : plan.steps()) {
            String text = portable(texts.getOrDefault(step.id(), ""), plan);
            steps.add(new ReviewFingerprint.Step(step.id(), step.type(),
                    ReviewFingerprint.digest(StepChecksums.of(step) + "\n" + text), text.lines().toList()));
            registry.find(step.type()).ifPresent(t -> types.putIfAbsent(step.type(), version(t)));
        }
        return new ReviewFingerprint(ReviewFingerprint.FORMAT, plan.name(), plan.digest(), stepwiseVersion(), types,
                inputs(plan, given), environment(plan), steps);
    }

    /** Non-secret inputs by value; secret ones as a digest (salted with the plan's name), never in clear. */
    private static Map<String, String> inputs(Plan plan, Map<String, String> given) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (InputDef input : plan.inputs().values()) {
            Object raw = InputValues.given(input, given);
            String value = raw == null ? "<no value>" : String.valueOf(InputValues.convert(input, raw));
            inputs.put(input.name(), input.secret() && raw != null ? secretDigest(plan, value) : value);
        }
        return inputs;
    }

    /** The environment variables the plan reads (inputs' env, ${env.X}), as digests: an environment may hold secrets. */
    private Map<String, String> environment(Plan plan) {
        Set<String> names = new TreeSet<>();
        plan.inputs().values().forEach(i -> i.env().ifPresent(names::add));
        plan.connections().values().forEach(c -> envReferences(c.settings(), names));
        for (StepDef step : plan.steps()) {
            envReferences(step.with(), names);
            step.when().ifPresent(w -> envReferences(w, names));
            step.confirm().ifPresent(c -> addEnv(c, names));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : names) {
            String value = System.getenv(name);
            environment.put(name, value == null ? "<unset>" : secretDigest(plan, value));
        }
        return environment;
    }

    private void envReferences(PlanNode node, Set<String> names) {
        StepReferences.namesUnder(node, "env", expressions, names);
    }

    private void addEnv(String text, Set<String> names) {
        StepReferences.namesIn(text, "env", expressions, names);
    }

    private static String secretDigest(Plan plan, String value) {
        return ReviewFingerprint.digest("stepwise-review:" + plan.name() + ":" + value);
    }

    /** The same plan on another machine gives the same text: its directory and the home are placeholders. */
    private static String portable(String text, Plan plan) {
        String result = text;
        Path dir = plan.source().toAbsolutePath().normalize().getParent();
        if (dir != null && dir.getNameCount() > 0) {
            result = result.replace(dir.toString(), "<plan.dir>");
        }
        String home = System.getProperty("user.home");
        if (home != null && home.length() > 1) {
            result = result.replace(home, "~");
        }
        return result;
    }

    static String stepwiseVersion() {
        return Optional.ofNullable(DefaultEngine.class.getPackage().getImplementationVersion()).orElse("development build");
    }

    /** A step type's version: its package's, and the digest of its class, so a changed type is seen even in a snapshot. */
    private static String version(StepType<?> type) {
        Class<?> c = type.getClass();
        String version = Optional.ofNullable(c.getPackage().getImplementationVersion()).orElse(stepwiseVersion());
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            if (in == null) {
                return version;
            }
            String digest = ReviewFingerprint.digest(java.util.HexFormat.of().formatHex(in.readAllBytes()));
            return version + " (" + digest.substring(0, "sha256:".length() + 12) + ")";
        } catch (IOException e) {
            return version;
        }
    }

    static StepwiseException reviewRequired(Plan plan) {
        return new StepwiseException(ErrorCode.USAGE, "plan " + plan.name() + " requires a review (require_review: true), "
                + "and this run has none; nothing was run", "stepwise dry-run " + plan.source() + " --save review.md, have "
                + "it reviewed, then: stepwise run " + plan.source() + " --reviewed review.md");
    }
}
