package org.wharfmq.selector;

/** A selector that is not valid JMS 3.1 §3.8.1 syntax or is wrongly typed; the message names the position. */
public final class SelectorSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int position;

    SelectorSyntaxException(String selector, int position, String problem) {
        super("invalid message selector at position " + (position + 1) + ": " + problem + "\n  " + selector + "\n  "
                + " ".repeat(Math.max(0, Math.min(position, selector.length()))) + "^");
        this.position = position;
    }

    /** Zero-based offset of the problem in the selector text. */
    public int position() {
        return position;
    }
}
