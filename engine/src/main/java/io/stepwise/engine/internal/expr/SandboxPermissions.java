package io.stepwise.engine.internal.expr;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * What a plan expression may touch: strings, numbers, booleans, maps and lists (their instance
 * methods), and the helper objects the engine puts in scope. No class access, no reflection, no
 * constructors, no fields, no static methods.
 */
final class SandboxPermissions implements JexlPermissions {
    private static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, Boolean.class, Character.class,
            Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class,
            java.math.BigInteger.class, java.math.BigDecimal.class, Number.class, CharSequence.class,
            Comparable.class, Object.class, Iterable.class);
    private static final Set<String> DENIED_METHODS = Set.of("getClass", "wait", "notify", "notifyAll", "hashCode",
            "getDeclaringClass", "describeConstable", "resolveConstantDesc", "chars", "codePoints", "lines",
            "forEach", "replaceAll", "compute", "computeIfAbsent", "computeIfPresent", "merge", "removeIf", "sort",
            "put", "putAll", "remove", "clear", "add", "addAll", "set", "retainAll", "removeAll", "iterator",
            "spliterator", "stream", "parallelStream", "toArray", "transform", "describe");

    @Override
    public boolean allow(Package pack) {
        if (pack == null) {
            return false;
        }
        String name = pack.getName();
        return name.equals("java.lang") || name.equals("java.util") || name.equals("java.math")
                || name.equals(SandboxPermissions.class.getPackageName());
    }

    @Override
    public boolean allow(Class<?> clazz) {
        if (clazz == null) {
            return false;
        }
        if (VALUE_CLASSES.contains(clazz) || ExpressionHelper.class.isAssignableFrom(clazz)) {
            return true;
        }
        return Map.class.isAssignableFrom(clazz) || Collection.class.isAssignableFrom(clazz);
    }

    @Override
    public boolean allow(Constructor<?> ctor) {
        return false;
    }

    @Override
    public boolean allow(Field field) {
        return false;
    }

    @Override
    public boolean allow(Method method) {
        if (method == null || Modifier.isStatic(method.getModifiers())) {
            return false;
        }
        if (DENIED_METHODS.contains(method.getName())) {
            return false;
        }
        Class<?> owner = method.getDeclaringClass();
        return allow(owner) || owner.isInterface() && (Map.class.isAssignableFrom(owner)
                || Collection.class.isAssignableFrom(owner) || owner == CharSequence.class
                || owner == Comparable.class);
    }

    @Override
    public JexlPermissions compose(String... src) {
        throw new UnsupportedOperationException("the plan sandbox cannot be widened");
    }
}
