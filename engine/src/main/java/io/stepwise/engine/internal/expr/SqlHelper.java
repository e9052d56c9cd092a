package io.stepwise.engine.internal.expr;


/** {@code ${sql.ident(name)}}: a backquoted identifier, spliced into SQL (values are always bound instead). */
public final class SqlHelper implements ExpressionHelper {
    public Object ident(Object name) {
        if (name instanceof Deferred d) {
            return d;
        }
        String text = String.valueOf(name);
        if (text.isEmpty() || text.length() > 64 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid SQL identifier: '" + text + "'");
        }
        return new SqlFragment("`" + text.replace("`", "``") + "`");
    }

    /** A dotted name such as {@code db.table}, each part quoted. */
    public Object qualified(Object schema, Object table) {
        Object left = ident(schema);
        Object right = ident(table);
        if (left instanceof Deferred || right instanceof Deferred) {
            return left instanceof Deferred ? left : right;
        }
        return new SqlFragment(left + "." + right);
    }
}
