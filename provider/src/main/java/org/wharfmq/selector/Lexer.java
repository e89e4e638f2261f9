package org.wharfmq.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a selector into tokens (JMS 3.1 §3.8.1.1): keywords are case-insensitive, identifiers follow Java's
 * rules and are case-sensitive, string literals are single-quoted with {@code ''} for a quote, exact numerics
 * use Java integer literal syntax (decimal, 0x hex, 0 octal, optional L) and approximate numerics Java
 * floating-point syntax (a point or an exponent, optional F/D).
 */
final class Lexer {

    private static final Map<String, Token.Kind> KEYWORDS = Map.ofEntries(
            Map.entry("TRUE", Token.Kind.TRUE), Map.entry("FALSE", Token.Kind.FALSE),
            Map.entry("NULL", Token.Kind.NULL), Map.entry("NOT", Token.Kind.NOT), Map.entry("AND", Token.Kind.AND),
            Map.entry("OR", Token.Kind.OR), Map.entry("BETWEEN", Token.Kind.BETWEEN),
            Map.entry("LIKE", Token.Kind.LIKE), Map.entry("IN", Token.Kind.IN), Map.entry("IS", Token.Kind.IS),
            Map.entry("ESCAPE", Token.Kind.ESCAPE));

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) throws SelectorSyntaxException {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != Token.Kind.END);
        return tokens;
    }

    private SelectorSyntaxException error(int at, String problem) {
        return new SelectorSyntaxException(text, at, problem);
    }

    private Token next() throws SelectorSyntaxException {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Token.Kind.END, "", null, start);
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (Character.isJavaIdentifierStart(c)) {
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            Token.Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
            return new Token(keyword != null ? keyword : Token.Kind.IDENTIFIER, word, null, start);
        }
        pos++;
        switch (c) {
            case '=':
                return new Token(Token.Kind.EQ, "=", null, start);
            case '<':
                if (pos < text.length() && text.charAt(pos) == '>') {
                    pos++;
                    return new Token(Token.Kind.NE, "<>", null, start);
                }
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                    return new Token(Token.Kind.LE, "<=", null, start);
                }
                return new Token(Token.Kind.LT, "<", null, start);
            case '>':
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                    return new Token(Token.Kind.GE, ">=", null, start);
                }
                return new Token(Token.Kind.GT, ">", null, start);
            case '+':
                return new Token(Token.Kind.PLUS, "+", null, start);
            case '-':
                return new Token(Token.Kind.MINUS, "-", null, start);
            case '*':
                return new Token(Token.Kind.STAR, "*", null, start);
            case '/':
                return new Token(Token.Kind.SLASH, "/", null, start);
            case '(':
                return new Token(Token.Kind.LPAREN, "(", null, start);
            case ')':
                return new Token(Token.Kind.RPAREN, ")", null, start);
            case ',':
                return new Token(Token.Kind.COMMA, ",", null, start);
            default:
                throw error(start, "unexpected character '" + c + "'");
        }
    }

    private Token string(int start) throws SelectorSyntaxException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "string literal is not closed with '");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return new Token(Token.Kind.STRING, text.substring(start, pos), sb.toString(), start);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Token number(int start) throws SelectorSyntaxException {
        boolean hex = text.startsWith("0x", pos) || text.startsWith("0X", pos);
        if (hex) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
        } else {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        boolean approximate = false;
        if (!hex && pos < text.length() && text.charAt(pos) == '.') {
            approximate = true;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (!hex && pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
                throw error(mark, "exponent has no digits");
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            approximate = true;
        }
        String literal = text.substring(start, pos);
        if (pos < text.length()) {
            char suffix = text.charAt(pos);
            if (!hex && (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D')) {
                pos++;
                approximate = true;
            } else if (!approximate && (suffix == 'l' || suffix == 'L')) {
                pos++;
            }
        }
        if (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            throw error(pos, "malformed number '" + text.substring(start, pos + 1) + "'");
        }
        try {
            if (approximate) {
                return new Token(Token.Kind.APPROXIMATE, literal, Double.parseDouble(literal), start);
            }
            long value;
            if (hex) {
                value = Long.parseUnsignedLong(literal.substring(2), 16);
            } else if (literal.length() > 1 && literal.startsWith("0")) {
                value = Long.parseLong(literal.substring(1), 8);
            } else {
                value = parseDecimal(literal);
            }
            return new Token(Token.Kind.EXACT, literal, value, start);
        } catch (NumberFormatException e) {
            throw error(start, "number '" + literal + "' is out of range or malformed");
        }
    }

    /** 9223372036854775808 is allowed only as the operand of a unary minus; the parser checks that. */
    private static long parseDecimal(String literal) {
        if (literal.equals("9223372036854775808")) {
            return Long.MIN_VALUE;
        }
        return Long.parseLong(literal);
    }
}
