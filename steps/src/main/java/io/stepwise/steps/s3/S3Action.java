package io.stepwise.steps.s3;

import io.stepwise.engine.spi.action.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 (or local storage) call a step intends: {@code put}, {@code get}, {@code list}, {@code delete},
 * {@code exists}, {@code ensure-bucket}. Renders the URI with its secret key masked.
 *
 * @param operation what is done
 * @param uri where
 * @param local the local file read or written, if any
 */
public record S3Action(String operation, StorageUri uri, Optional<String> local) implements Action {
    public S3Action {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(local, "local");
    }

    public static S3Action of(String operation, StorageUri uri) {
        return new S3Action(operation, uri, Optional.empty());
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String summary() {
        String target = operation.equals("ensure-bucket") && uri.isS3() ? "s3://" + uri.bucket() + masked(uri) : uri.toString();
        return switch (operation) {
            case "put" -> "put " + local.orElse("<text>") + " -> " + target;
            case "get" -> "get " + target + " -> " + local.orElse("<text>");
            default -> operation + " " + target;
        };
    }

    private static String masked(StorageUri uri) {
        String text = uri.toString();
        int question = text.indexOf('?');
        return question < 0 ? "" : text.substring(question);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operation", operation);
        fields.put("uri", uri.toString());
        local.ifPresent(l -> fields.put("local", l));
        return fields;
    }
}
