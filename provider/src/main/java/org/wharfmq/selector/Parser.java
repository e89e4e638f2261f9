package org.wharfmq.selector;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.wharfmq.selector.Expression.Type;
import org.wharfmq.selector.Token.Kind;

/**
 * Recursive-descent parser for the selector grammar of JMS 3.1 §3.8.1.1, with the precedence the
 * specification gives (from loosest): OR; AND; NOT; comparison, BETWEEN, IN, LIKE, IS; + and -; * and /; unary
 * sign. It also checks the types the grammar fixes: arithmetic and ordering need numbers, logic needs
 * conditions, = and <> need operands of one type, LIKE/IN/IS apply to identifiers, and the whole selector
 * must be a condition.
 */
final class Parser {

    private final String text;
    private final List<Token> tokens;
    private int index;

    private Parser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static Expression parse(String text) throws SelectorSyntaxException {
        Parser p = new Parser(text, Lexer.tokens(text));
        Expression e = p.or();
        Token end = p.peek();
        if (end.kind() != Kind.END) {
            throw p.error(end, "unexpected '" + end.text() + "'");
        }
        p.condition(e, tokensStart(p));
        return e;
    }

    private static Token tokensStart(Parser p) {
        return p.tokens.get(0);
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        return tokens.get(index++);
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private Token expect(Kind kind, String what) throws SelectorSyntaxException {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + (t.kind() == Kind.END ? " but the selector ended" : " but found '"
                    + t.text() + "'"));
        }
        return advance();
    }

    private SelectorSyntaxException error(Token at, String problem) {
        return new SelectorSyntaxException(text, at.position(), problem);
    }

    private void condition(Expression e, Token at) throws SelectorSyntaxException {
        if (e.type() != Type.BOOLEAN && e.type() != Type.ANY) {
            throw error(at, "a " + e.type().name().toLowerCase() + " expression is not a condition");
        }
    }

    private void numeric(Expression e, Token at) throws SelectorSyntaxException {
        if (e.type() != Type.NUMERIC && e.type() != Type.ANY) {
            throw error(at, "a " + e.type().name().toLowerCase() + " value cannot be used here; a number is needed");
        }
    }

    /**
     * JMS 3.1 §3.8.1.1: "Only like type values can be compared" (exact and approximate numbers alike) and
     * "String and Boolean comparison is restricted to = and <>". For identifiers, whose type is known only at run
     * time, a comparison of unlike values is false ({@link Expression.Compare}); but where the grammar fixes both
     * types — literals and the results of operators — the selector can never mean anything, so {@code TRUE = 0}
     * or {@code 'a' <> FALSE} is refused when the selector is presented, as §3.8.1.1 asks of incorrect selectors.
     */
    private void comparable(Expression left, Expression right, Token at) throws SelectorSyntaxException {
        if (left.type() != Type.ANY && right.type() != Type.ANY && left.type() != right.type()) {
            throw error(at, "a " + left.type().name().toLowerCase() + " value cannot be compared with a "
                    + right.type().name().toLowerCase() + " value");
        }
    }

    // ---- logic -------------------------------------------------------------------------------------------

    private Expression or() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = and();
        while (peek().kind() == Kind.OR) {
            Token op = advance();
            condition(left, start);
            Token rightStart = peek();
            Expression right = and();
            condition(right, rightStart);
            left = new Expression.Or(left, right);
            start = op;
        }
        return left;
    }

    private Expression and() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = not();
        while (peek().kind() == Kind.AND) {
            advance();
            condition(left, start);
            Token rightStart = peek();
            Expression right = not();
            condition(right, rightStart);
            left = new Expression.And(left, right);
        }
        return left;
    }

    private Expression not() throws SelectorSyntaxException {
        if (accept(Kind.NOT)) {
            Token start = peek();
            Expression operand = not();
            condition(operand, start);
            return new Expression.Not(operand);
        }
        return predicate();
    }

    // ---- predicates --------------------------------------------------------------------------------------

    private Expression predicate() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = additive();
        Token t = peek();
        switch (t.kind()) {
            case EQ, NE, GT, GE, LT, LE -> {
                advance();
                Token rightStart = peek();
                Expression right = additive();
                Expression.Comparison op = switch (t.kind()) {
                    case EQ -> Expression.Comparison.EQ;
                    case NE -> Expression.Comparison.NE;
                    case GT -> Expression.Comparison.GT;
                    case GE -> Expression.Comparison.GE;
                    case LT -> Expression.Comparison.LT;
                    default -> Expression.Comparison.LE;
                };
                if (op != Expression.Comparison.EQ && op != Expression.Comparison.NE) {
                    numeric(left, start);
                    numeric(right, rightStart);
                } else {
                    comparable(left, right, t);
                }
                return new Expression.Compare(op, left, right);
            }
            case NOT -> {
                advance();
                Token after = peek();
                return switch (after.kind()) {
                    case BETWEEN -> between(left, start, true);
                    case IN -> in(left, start, true);
                    case LIKE -> like(left, start, true);
                    default -> throw error(after, "expected BETWEEN, IN or LIKE after NOT");
                };
            }
            case BETWEEN -> {
                return between(left, start, false);
            }
            case IN -> {
                return in(left, start, false);
            }
            case LIKE -> {
                return like(left, start, false);
            }
            case IS -> {
                advance();
                boolean negated = accept(Kind.NOT);
                expect(Kind.NULL, "NULL");
                return new Expression.IsNull(identifier(left, start, "IS NULL"), negated);
            }
            default -> {
                return left;
            }
        }
    }

    private Expression.Identifier identifier(Expression e, Token at, String operator) throws SelectorSyntaxException {
        if (e instanceof Expression.Identifier id) {
            return id;
        }
        throw error(at, operator + " applies to an identifier only");
    }

    private Expression between(Expression value, Token start, boolean negated) throws SelectorSyntaxException {
        advance();
        numeric(value, start);
        Token lowStart = peek();
        Expression low = additive();
        numeric(low, lowStart);
        expect(Kind.AND, "AND in BETWEEN");
        Token highStart = peek();
        Expression high = additive();
        numeric(high, highStart);
        return new Expression.Between(value, low, high, negated);
    }

    private Expression in(Expression value, Token start, boolean negated) throws SelectorSyntaxException {
        advance();
        Expression.Identifier id = identifier(value, start, "IN");
        expect(Kind.LPAREN, "( after IN");
        Set<String> values = new LinkedHashSet<>();
        do {
            values.add((String) expect(Kind.STRING, "a string literal in the IN list").value());
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN, ") to close the IN list");
        return new Expression.In(id, Set.copyOf(values), negated);
    }

    private Expression like(Expression value, Token start, boolean negated) throws SelectorSyntaxException {
        advance();
        Expression.Identifier id = identifier(value, start, "LIKE");
        String pattern = (String) expect(Kind.STRING, "a string literal pattern after LIKE").value();
        Character escape = null;
        if (accept(Kind.ESCAPE)) {
            Token e = expect(Kind.STRING, "a string literal after ESCAPE");
            String s = (String) e.value();
            if (s.length() != 1) {
                throw error(e, "the ESCAPE string must be exactly one character");
            }
            escape = s.charAt(0);
        }
        return new Expression.Like(id, likePattern(pattern, escape, start), negated);
    }

    /** % is any sequence, _ any one character, the escape character makes the next one literal. */
    private Pattern likePattern(String pattern, Character escape, Token at) throws SelectorSyntaxException {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw error(at, "the LIKE pattern ends with its escape character");
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    // ---- arithmetic --------------------------------------------------------------------------------------

    private interface Level {
        Expression parse() throws SelectorSyntaxException;
    }

    private Expression additive() throws SelectorSyntaxException {
        return arithmetic(this::multiplicative, Kind.PLUS, Expression.Operator.ADD, Kind.MINUS,
                Expression.Operator.SUBTRACT);
    }

    private Expression multiplicative() throws SelectorSyntaxException {
        return arithmetic(this::unary, Kind.STAR, Expression.Operator.MULTIPLY, Kind.SLASH, Expression.Operator.DIVIDE);
    }

    /** One left-associative level of arithmetic: operands from {@code operand}, joined by two operators. */
    private Expression arithmetic(Level operand, Kind first, Expression.Operator firstOp, Kind second,
                                  Expression.Operator secondOp) throws SelectorSyntaxException {
        Token start = peek();
        Expression left = operand.parse();
        while (peek().kind() == first || peek().kind() == second) {
            Token op = advance();
            numeric(left, start);
            Token rightStart = peek();
            Expression right = operand.parse();
            numeric(right, rightStart);
            left = new Expression.Arithmetic(op.kind() == first ? firstOp : secondOp, left, right);
        }
        return left;
    }

    private Expression unary() throws SelectorSyntaxException {
        Token t = peek();
        if (t.kind() == Kind.MINUS || t.kind() == Kind.PLUS) {
            advance();
            Token operandStart = peek();
            if (t.kind() == Kind.MINUS && operandStart.kind() == Kind.EXACT
                    && operandStart.text().equals("9223372036854775808")) {
                advance();
                return new Expression.Literal(Long.MIN_VALUE, Type.NUMERIC);
            }
            Expression operand = unary();
            numeric(operand, operandStart);
            if (t.kind() == Kind.PLUS) {
                return operand;
            }
            if (operand instanceof Expression.Literal l && l.value() instanceof Long v) {
                return new Expression.Literal(-v, Type.NUMERIC);
            }
            if (operand instanceof Expression.Literal l && l.value() instanceof Double v) {
                return new Expression.Literal(-v, Type.NUMERIC);
            }
            return new Expression.Negate(operand);
        }
        return primary();
    }

    private Expression primary() throws SelectorSyntaxException {
        Token t = advance();
        return switch (t.kind()) {
            case STRING -> new Expression.Literal(t.value(), Type.STRING);
            case EXACT -> {
                if (t.text().equals("9223372036854775808")) {
                    throw error(t, "9223372036854775808 is out of range for a long (only -9223372036854775808 is)");
                }
                yield new Expression.Literal(t.value(), Type.NUMERIC);
            }
            case APPROXIMATE -> new Expression.Literal(t.value(), Type.NUMERIC);
            case TRUE -> new Expression.Literal(Boolean.TRUE, Type.BOOLEAN);
            case FALSE -> new Expression.Literal(Boolean.FALSE, Type.BOOLEAN);
            case IDENTIFIER -> new Expression.Identifier(t.text());
            case LPAREN -> {
                Expression inner = or();
                expect(Kind.RPAREN, ")");
                yield inner;
            }
            case NULL -> throw error(t, "NULL can only be used as IS NULL or IS NOT NULL");
            case END -> throw error(t, "the selector ended where a value was expected");
            default -> throw error(t, "'" + t.text() + "' is a reserved word or operator and cannot be used here");
        };
    }
}
