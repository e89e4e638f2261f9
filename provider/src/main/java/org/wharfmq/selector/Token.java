package org.wharfmq.selector;

/** One lexical token of a selector, with its offset for error messages. */
record Token(Kind kind, String text, Object value, int position) {

    enum Kind {
        IDENTIFIER, STRING, EXACT, APPROXIMATE,
        TRUE, FALSE, NULL, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE,
        EQ, NE, GT, GE, LT, LE, PLUS, MINUS, STAR, SLASH, LPAREN, RPAREN, COMMA, END
    }
}
