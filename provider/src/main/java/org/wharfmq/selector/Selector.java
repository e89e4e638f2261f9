package org.wharfmq.selector;

/**
 * A parsed message selector (JMS 3.1 §3.8.1). Parse once per consumer, subscription or browser, then evaluate
 * against each message through a {@link Context}. A message is selected when the selector is TRUE; FALSE and
 * unknown both leave it out.
 */
public final class Selector {

    /** Supplies identifier values: message properties and the header fields a selector may name. */
    @FunctionalInterface
    public interface Context {
        /** The value, or null when the message has none. Wrappers of primitives, String or Boolean. */
        Object identifier(String name);
    }

    private final String text;
    private final Expression expression;

    private Selector(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /** Parses {@code text}; a blank selector is not a selector (callers treat it as "select everything"). */
    public static Selector parse(String text) throws SelectorSyntaxException {
        if (text == null || text.isBlank()) {
            throw new SelectorSyntaxException(String.valueOf(text), 0, "the selector is empty");
        }
        return new Selector(text, Parser.parse(text));
    }

    /** TRUE, FALSE, or null for unknown. */
    public Boolean evaluate(Context context) {
        return Expression.asBoolean(expression.evaluate(context));
    }

    public boolean matches(Context context) {
        return Boolean.TRUE.equals(evaluate(context));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
