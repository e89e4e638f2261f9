package org.wharfmq.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The value conversion tables of JMS 3.1 §3.5.4 (properties) and §3.11.3 (StreamMessage and MapMessage
 * bodies). A row of the table is one method here: it either converts or throws {@link MessageFormatException}.
 * A {@code null} value converts as the wrapper type's {@code valueOf(null)} would, which is what the
 * specification requires (for example {@code getIntProperty} of a missing property throws
 * {@link NumberFormatException}, {@code getDoubleProperty} throws {@link NullPointerException}).
 */
public final class TypeConversions {

    private TypeConversions() {
    }

    public static boolean toBoolean(Object v) throws MessageFormatException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Boolean.valueOf((String) v);
        }
        throw mismatch(v, "boolean");
    }

    public static byte toByte(Object v) throws MessageFormatException {
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Byte.valueOf((String) v);
        }
        throw mismatch(v, "byte");
    }

    public static short toShort(Object v) throws MessageFormatException {
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).shortValue();
        }
        if (v == null || v instanceof String) {
            return Short.valueOf((String) v);
        }
        throw mismatch(v, "short");
    }

    public static int toInt(Object v) throws MessageFormatException {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v == null || v instanceof String) {
            return Integer.valueOf((String) v);
        }
        throw mismatch(v, "int");
    }

    public static long toLong(Object v) throws MessageFormatException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v == null || v instanceof String) {
            return Long.valueOf((String) v);
        }
        throw mismatch(v, "long");
    }

    public static float toFloat(Object v) throws MessageFormatException {
        if (v instanceof Float f) {
            return f;
        }
        if (v == null || v instanceof String) {
            return Float.valueOf((String) v);
        }
        throw mismatch(v, "float");
    }

    public static double toDouble(Object v) throws MessageFormatException {
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v == null || v instanceof String) {
            return Double.valueOf((String) v);
        }
        throw mismatch(v, "double");
    }

    /** Only StreamMessage and MapMessage bodies hold chars; a String never converts to char. */
    public static char toChar(Object v) throws MessageFormatException {
        if (v instanceof Character c) {
            return c;
        }
        if (v == null) {
            throw new NullPointerException("the value is null and cannot be read as a char");
        }
        throw mismatch(v, "char");
    }

    public static String toString(Object v) throws MessageFormatException {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[]) {
            throw mismatch(v, "String");
        }
        return v.toString();
    }

    public static byte[] toBytes(Object v) throws MessageFormatException {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return b;
        }
        throw mismatch(v, "byte[]");
    }

    /** Property values (§3.5.4) are the primitive wrappers and String, nothing else (no char, no byte[]). */
    public static boolean isPropertyType(Object v) {
        return v instanceof Boolean || v instanceof Byte || v instanceof Short || v instanceof Integer
                || v instanceof Long || v instanceof Float || v instanceof Double || v instanceof String;
    }

    /** Map and stream values (§3.11.3) are property types plus Character and byte[]. */
    public static boolean isBodyValueType(Object v) {
        return isPropertyType(v) || v instanceof Character || v instanceof byte[];
    }

    static MessageFormatException mismatch(Object v, String target) {
        return new MessageFormatException("a value of type " + v.getClass().getSimpleName()
                + " cannot be read as " + target + " (JMS 3.1 conversion table, §3.5.4 / §3.11.3)");
    }
}
