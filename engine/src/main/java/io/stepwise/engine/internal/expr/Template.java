package io.stepwise.engine.internal.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A string from a plan split into literal text and {@code ${...}} expressions. {@code $${} writes a
 * literal {@code ${}. A template that is exactly one expression yields the expression's typed value;
 * otherwise the parts are joined as text.
 */
public record Template(String source, List<Part> parts) {

    public sealed interface Part {
    }

    public record Text(String text) implements Part {
    }

    /** An expression and its offset in the source (for column numbers in errors). */
    public record Expr(String expression, int offset) implements Part {
    }

    public Template {
        parts = List.copyOf(parts);
    }

    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /** The single expression, when the template is exactly {@code ${expr}}. */
    public Optional<Expr> singleExpression() {
        return parts.size() == 1 && parts.get(0) instanceof Expr e ? Optional.of(e) : Optional.empty();
    }

    public List<Expr> expressions() {
        return parts.stream().filter(p -> p instanceof Expr).map(p -> (Expr) p).toList();
    }

    public String literalText() {
        StringBuilder text = new StringBuilder();
        parts.forEach(p -> text.append(p instanceof Text t ? t.text() : "${" + ((Expr) p).expression() + "}"));
        return text.toString();
    }

    public static boolean mayContainExpression(String text) {
        return text.contains("${");
    }

    /** Splits a string; throws {@link TemplateSyntaxException} on an unclosed or empty {@code ${}. */
    public static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("$${", i)) {
                text.append("${");
                i += 3;
                continue;
            }
            if (source.startsWith("${", i)) {
                int end = findClose(source, i + 2);
                if (end < 0) {
                    throw new TemplateSyntaxException("unclosed ${ (no matching })", i);
                }
                String expression = source.substring(i + 2, end).trim();
                if (expression.isEmpty()) {
                    throw new TemplateSyntaxException("empty ${}", i);
                }
                if (text.length() > 0) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(new Expr(expression, i + 2));
                i = end + 1;
                continue;
            }
            text.append(source.charAt(i));
            i++;
        }
        if (text.length() > 0 || parts.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new Template(source, parts);
    }

    private static int findClose(String s, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '{' -> depth++;
                case '}' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                default -> { }
            }
        }
        return -1;
    }

    /** A malformed template, with the offset where the problem starts. */
    public static final class TemplateSyntaxException extends RuntimeException {
        private final int offset;

        public TemplateSyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
