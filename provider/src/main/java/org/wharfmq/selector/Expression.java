package org.wharfmq.selector;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed form of a selector and its evaluation (JMS 3.1 §3.8.1.2): SQL three-valued logic, where
 * {@code null} is "unknown"; numeric promotion as in Java; comparisons of values of different types are false;
 * anything involving NULL is unknown, except IS [NOT] NULL.
 */
sealed interface Expression {

    /** What the parser knows about a value's type; identifiers are {@link #ANY} until evaluated. */
    enum Type { BOOLEAN, NUMERIC, STRING, ANY }

    Object evaluate(Selector.Context context);

    Type type();

    // ---- leaves ------------------------------------------------------------------------------------------

    record Literal(Object value, Type type) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            return value;
        }
    }

    record Identifier(String name) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            return normalize(context.identifier(name));
        }

        @Override
        public Type type() {
            return Type.ANY;
        }

        /** Byte, Short, Integer promote to Long; Float to Double; types that are not property types are NULL. */
        static Object normalize(Object v) {
            if (v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean) {
                return v;
            }
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof Float f) {
                return f.doubleValue();
            }
            return null;
        }
    }

    // ---- logic -------------------------------------------------------------------------------------------

    record Not(Expression operand) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Boolean b = asBoolean(operand.evaluate(context));
            return b == null ? null : !b;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record And(Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Boolean l = asBoolean(left.evaluate(context));
            if (Boolean.FALSE.equals(l)) {
                return false;
            }
            Boolean r = asBoolean(right.evaluate(context));
            if (Boolean.FALSE.equals(r)) {
                return false;
            }
            return l == null || r == null ? null : Boolean.TRUE;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Boolean l = asBoolean(left.evaluate(context));
            if (Boolean.TRUE.equals(l)) {
                return true;
            }
            Boolean r = asBoolean(right.evaluate(context));
            if (Boolean.TRUE.equals(r)) {
                return true;
            }
            return l == null || r == null ? null : Boolean.FALSE;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    /** A value used as a condition: only a Boolean is one; anything else is unknown. */
    static Boolean asBoolean(Object v) {
        return v instanceof Boolean b ? b : null;
    }

    // ---- comparison --------------------------------------------------------------------------------------

    enum Comparison { EQ, NE, GT, GE, LT, LE }

    record Compare(Comparison op, Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            return compare(op, left.evaluate(context), right.evaluate(context));
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    static Boolean compare(Comparison op, Object l, Object r) {
        if (l == null || r == null) {
            return null;
        }
        if (l instanceof Number a && r instanceof Number b) {
            int c = (a instanceof Double || b instanceof Double)
                    ? Double.compare(a.doubleValue(), b.doubleValue())
                    : Long.compare(a.longValue(), b.longValue());
            if ((a instanceof Double || b instanceof Double)
                    && (Double.isNaN(a.doubleValue()) || Double.isNaN(b.doubleValue()))) {
                return op == Comparison.NE;
            }
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
            };
        }
        boolean sameKind = (l instanceof String && r instanceof String) || (l instanceof Boolean && r instanceof Boolean);
        if (!sameKind) {
            return false; // values of different types never compare equal (§3.8.1.2)
        }
        return switch (op) {
            case EQ -> l.equals(r);
            case NE -> !l.equals(r);
            default -> null; // strings and booleans support only = and <>
        };
    }

    record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Object v = value.evaluate(context);
            Boolean atLeast = compare(Comparison.GE, v, low.evaluate(context));
            Boolean atMost = compare(Comparison.LE, v, high.evaluate(context));
            Boolean inRange;
            if (Boolean.FALSE.equals(atLeast) || Boolean.FALSE.equals(atMost)) {
                inRange = Boolean.FALSE;
            } else if (atLeast == null || atMost == null) {
                return null;
            } else {
                inRange = Boolean.TRUE;
            }
            return negated ? Boolean.valueOf(!inRange) : inRange;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Object v = identifier.evaluate(context);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s)) {
                return false;
            }
            return values.contains(s) != negated;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Like(Identifier identifier, Pattern pattern, boolean negated) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Object v = identifier.evaluate(context);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s)) {
                return false;
            }
            return pattern.matcher(s).matches() != negated;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record IsNull(Identifier identifier, boolean negated) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            return (identifier.evaluate(context) == null) != negated;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    // ---- arithmetic --------------------------------------------------------------------------------------

    enum Operator { ADD, SUBTRACT, MULTIPLY, DIVIDE }

    record Arithmetic(Operator op, Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Object l = left.evaluate(context);
            Object r = right.evaluate(context);
            if (!(l instanceof Number a) || !(r instanceof Number b)) {
                return null;
            }
            if (a instanceof Double || b instanceof Double) {
                double x = a.doubleValue();
                double y = b.doubleValue();
                return switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                };
            }
            long x = a.longValue();
            long y = b.longValue();
            return switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> y == 0 ? null : x / y;
            };
        }

        @Override
        public Type type() {
            return Type.NUMERIC;
        }
    }

    record Negate(Expression operand) implements Expression {
        @Override
        public Object evaluate(Selector.Context context) {
            Object v = operand.evaluate(context);
            if (v instanceof Long l) {
                return -l;
            }
            if (v instanceof Double d) {
                return -d;
            }
            return null;
        }

        @Override
        public Type type() {
            return Type.NUMERIC;
        }
    }
}
