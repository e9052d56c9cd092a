package io.stepwise.engine.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that decides what a run of a plan does, as a reviewer saw it in a dry-run: the plan's
 * digest, each step's dry-run text and its digest, the inputs (secrets as digests), the environment
 * variables the plan reads (as digests), and the versions of stepwise and of each step type used.
 * Nothing in it depends on the machine: no absolute path, no host name, no secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReviewFingerprint(int format, String plan, String planDigest, String stepwise, Map<String, String> stepTypes,
        Map<String, String> inputs, Map<String, String> environment, List<Step> steps) {
    static final int FORMAT = 1;
    /** The info string of the fenced block that holds the fingerprint in a review file. */
    static final String FENCE_INFO = "json stepwise-review";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern BLOCK = Pattern.compile("(?s)(`{3,})" + Pattern.quote(FENCE_INFO) + "\\n(.*?)\\n\\1");

    /** One step as the dry-run rendered it, and the digest of that text with the step's definition. */
    record Step(String id, String type, String digest, List<String> dryRun) {
        Step {
            Objects.requireNonNull(id, "id");
            dryRun = List.copyOf(dryRun);
        }
    }

    ReviewFingerprint {
        stepTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stepTypes));
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        steps = List.copyOf(steps);
    }

    static String digest(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fenced block a review file carries: long enough a fence that nothing inside can close it. */
    String block() {
        String json = json();
        String fence = "```";
        while (json.contains(fence)) {
            fence += "`";
        }
        return fence + FENCE_INFO + "\n" + json + "\n" + fence + "\n";
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint a review file holds, or a clear error when it holds none. */
    static ReviewFingerprint parse(String reviewText, String name) {
        Matcher m = BLOCK.matcher(reviewText);
        String json = null;
        while (m.find()) {
            json = m.group(2);
        }
        if (json == null) {
            throw new StepwiseException(ErrorCode.USAGE, name + " is not a review file: it has no ```" + FENCE_INFO
                    + " block", "write one with: stepwise dry-run PLAN --save " + name);
        }
        try {
            ReviewFingerprint print = JSON.readValue(json, ReviewFingerprint.class);
            if (print.format() != FORMAT) {
                throw new StepwiseException(ErrorCode.USAGE, name + " was written in review format " + print.format()
                        + "; this stepwise reads format " + FORMAT, "write the review again with this stepwise");
            }
            return print;
        } catch (JsonProcessingException e) {
            throw new StepwiseException(ErrorCode.USAGE, name + ": the review block cannot be read: "
                    + e.getOriginalMessage(), "write the review again: stepwise dry-run PLAN --save " + name, e);
        }
    }

    /** What differs between the reviewed fingerprint and this one, one finding per entry, for a person. */
    List<String> differencesFrom(ReviewFingerprint reviewed) {
        List<String> found = new ArrayList<>();
        if (!Objects.equals(reviewed.plan(), plan)) {
            found.add("plan name: " + reviewed.plan() + " -> " + plan);
        }
        if (!Objects.equals(reviewed.stepwise(), stepwise)) {
            found.add("stepwise version: " + reviewed.stepwise() + " -> " + stepwise);
        }
        compare("step type", reviewed.stepTypes(), stepTypes, false, found);
        compare("input", reviewed.inputs(), inputs, true, found);
        compare("environment variable", reviewed.environment(), environment, true, found);
        Map<String, Step> before = byId(reviewed.steps());
        Map<String, Step> now = byId(steps);
        List<String> order = steps.stream().map(Step::id).filter(before::containsKey).toList();
        List<String> reviewedOrder = reviewed.steps().stream().map(Step::id).filter(now::containsKey).toList();
        if (!order.equals(reviewedOrder)) {
            found.add("step order: " + String.join(", ", reviewedOrder) + " -> " + String.join(", ", order));
        }
        for (Step step : steps) {
            Step old = before.get(step.id());
            if (old == null) {
                found.add("step '" + step.id() + "' (" + step.type() + ") added:\n" + indent("+ ", step.dryRun()));
            } else if (!old.digest().equals(step.digest())) {
                found.add("step '" + step.id() + "' (" + step.type() + ") changed:\n"
                        + LineDiff.unified(old.dryRun(), step.dryRun()));
            }
        }
        for (Step old : reviewed.steps()) {
            if (!now.containsKey(old.id())) {
                found.add("step '" + old.id() + "' (" + old.type() + ") removed");
            }
        }
        if (found.isEmpty() && !Objects.equals(reviewed.planDigest(), planDigest)) {
            found.add("the plan file's text changed outside its steps (a comment, the description, a connection)");
        }
        return found;
    }

    private static void compare(String what, Map<String, String> before, Map<String, String> now, boolean digests,
            List<String> found) {
        for (Map.Entry<String, String> e : now.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                found.add(what + " '" + e.getKey() + "' is new");
            } else if (!old.equals(e.getValue())) {
                boolean hidden = digests && (old.startsWith("sha256:") || e.getValue().startsWith("sha256:"));
                found.add(what + " '" + e.getKey() + "' changed" + (hidden ? " (its value is shown only as a digest)"
                        : ": " + old + " -> " + e.getValue()));
            }
        }
        before.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> found.add(what + " '" + k + "' is gone"));
    }

    private static Map<String, Step> byId(List<Step> steps) {
        Map<String, Step> map = new LinkedHashMap<>();
        steps.forEach(s -> map.put(s.id(), s));
        return map;
    }

    private static String indent(String prefix, List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append("    ").append(prefix).append(l).append('\n'));
        return out.toString().stripTrailing();
    }
}
