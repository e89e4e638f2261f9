package org.wharfmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JMS 3.1 §3.8.1: the selector language, rule by rule. */
class SelectorTest {

    private static final Map<String, Object> PROPS = new HashMap<>();

    static {
        PROPS.put("color", "red");
        PROPS.put("size", 10);
        PROPS.put("weight", 2.5d);
        PROPS.put("small", (byte) 1);
        PROPS.put("big", Long.MAX_VALUE);
        PROPS.put("flag", true);
        PROPS.put("path", "a_b%c");
        PROPS.put("JMSPriority", 4);
        PROPS.put("JMSDeliveryMode", "PERSISTENT");
    }

    static Boolean eval(String selector) throws SelectorSyntaxException {
        return Selector.parse(selector).evaluate(PROPS::get);
    }

    static void invalid(String selector) {
        assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector), selector);
    }

    @Test
    @DisplayName("§3.8.1.1 literals: strings with '', exact and approximate numbers, booleans")
    void literals() throws Exception {
        assertTrue(eval("'it''s' = 'it''s'"));
        assertTrue(eval("size = 10 AND size = 012 AND size = 0xA AND size = 10L"));
        assertTrue(eval("weight = 2.5 AND weight = 25E-1 AND weight = .25e1 AND weight = 2.5f AND weight = 2.5D"));
        assertTrue(eval("7. = 7"));
        assertTrue(eval("big = 9223372036854775807"));
        assertTrue(eval("-9223372036854775808 < 0"));
        assertTrue(eval("flag = TRUE AND NOT flag = false"));
        invalid("size = 9223372036854775808");
        invalid("size = 1e");
        invalid("size = 12abc");
    }

    @Test
    @DisplayName("§3.8.1.1 keywords are case-insensitive, identifiers case-sensitive, reserved words not identifiers")
    void keywordsAndIdentifiers() throws Exception {
        assertTrue(eval("color = 'red' and NoT size = 3 oR FALSE"));
        assertNull(eval("Color = 'red'"), "identifiers are case-sensitive; Color is not set");
        invalid("NULL = 1");
        invalid("between = 1");
        invalid("size = 1 AND escape = 2");
        assertTrue(eval("_x IS NULL AND $y IS NULL"));
    }

    @Test
    @DisplayName("§3.8.1.2 precedence: NOT before AND before OR; arithmetic before comparison")
    void precedence() throws Exception {
        assertTrue(eval("TRUE OR TRUE AND FALSE"));
        assertFalse(eval("(TRUE OR TRUE) AND FALSE"));
        assertFalse(eval("NOT TRUE AND FALSE"));
        assertTrue(eval("size + 2 * 3 = 16"));
        assertTrue(eval("(size + 2) * 3 = 36"));
        assertTrue(eval("size - 2 - 3 = 5"));
        assertTrue(eval("-size = -10 AND +size = 10 AND - -size = 10"));
        assertTrue(eval("NOT size > 20"));
    }

    @Test
    @DisplayName("§3.8.1.2 numeric promotion and integer division follow Java")
    void arithmetic() throws Exception {
        assertTrue(eval("size / 4 = 2"));
        assertTrue(eval("size / 4.0 = 2.5"));
        assertTrue(eval("small + size = 11"));
        assertTrue(eval("weight * 2 = 5"));
        assertNull(eval("size / 0 = 1"), "exact division by zero is unknown");
        assertNull(eval("missing + 1 = 1"));
        assertNull(eval("color + 1 = 1"), "arithmetic on a string is unknown");
    }

    @Test
    @DisplayName("§3.8.1.2 comparing values of different types is false; NULL makes it unknown")
    void typeRules() throws Exception {
        assertFalse(eval("color = 10"));
        assertFalse(eval("size = '10'"));
        assertFalse(eval("flag = 1"));
        assertFalse(eval("color <> 10"), "<> of values of different types is false too");
        assertNull(eval("missing = 1"));
        assertNull(eval("missing <> 1"));
        assertNull(eval("color > path"), "ordering strings is not defined: unknown");
        assertFalse(eval("color > size"), "a string and a number are of different types: false");
        invalid("'a' < 'b'");
        invalid("TRUE > FALSE");
        invalid("color + 'x' = 1");
        invalid("'a' + 1 = 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE = 0", "FALSE = 0", "0 <> TRUE", "FALSE = 1.5", "TRUE = 'TRUE'", "'a' <> FALSE",
            "'1' = 1", "2.5 = '2.5'", "(size > 1) = 1", "(size + 1) = 'x'", "color = 'a' = 'a'", "TRUE + 1 = 2",
            "-TRUE = 1", "'a' * 2 = 2", "size BETWEEN TRUE AND 3", "NOT 1"})
    @DisplayName("§3.8.1.1 operands whose types are fixed must be like types: unlike literals are refused when presented")
    void unlikeTypesKnownAtParseTimeAreRefused(String selector) {
        invalid(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE = TRUE", "1 = 1.0", "'a' = 'a'", "(size > 1) = TRUE", "flag = 0", "color = TRUE",
            "size + 1 = 11.0"})
    @DisplayName("§3.8.1.1 like types, and identifiers of any type, may be compared")
    void likeTypesAndIdentifiersMayBeCompared(String selector) throws Exception {
        Selector.parse(selector);
    }

    @Test
    @DisplayName("§3.8.1.2 JMSDeliveryMode compares as 'PERSISTENT' or 'NON_PERSISTENT'")
    void deliveryMode() throws Exception {
        assertTrue(eval("JMSDeliveryMode = 'PERSISTENT'"));
        assertFalse(eval("JMSDeliveryMode = 2"));
        assertTrue(eval("JMSPriority >= 4"));
    }

    @Test
    @DisplayName("§3.8.1.2 three-valued logic: unknown AND false is false, unknown OR true is true, NOT unknown is unknown")
    void threeValuedLogic() throws Exception {
        assertFalse(eval("missing = 1 AND FALSE"));
        assertNull(eval("missing = 1 AND TRUE"));
        assertTrue(eval("missing = 1 OR TRUE"));
        assertNull(eval("missing = 1 OR FALSE"));
        assertNull(eval("NOT missing = 1"));
        assertFalse(Selector.parse("missing = 1").matches(PROPS::get));
        assertFalse(Selector.parse("NOT missing = 1").matches(PROPS::get), "neither a selector nor its negation");
    }

    @Test
    @DisplayName("§3.8.1.2 BETWEEN and NOT BETWEEN are inclusive")
    void between() throws Exception {
        assertTrue(eval("size BETWEEN 10 AND 20"));
        assertTrue(eval("size BETWEEN 5 AND 10"));
        assertFalse(eval("size BETWEEN 11 AND 20"));
        assertTrue(eval("size NOT BETWEEN 11 AND 20"));
        assertTrue(eval("weight BETWEEN 2 AND 3"));
        assertNull(eval("missing BETWEEN 1 AND 2"));
        assertNull(eval("missing NOT BETWEEN 1 AND 2"));
        assertTrue(eval("size + 1 BETWEEN size AND size * 2"));
        invalid("color BETWEEN 'a' AND 'b'");
        invalid("size BETWEEN 1");
    }

    @Test
    @DisplayName("§3.8.1.2 IN and NOT IN take string literals; NULL is unknown")
    void in() throws Exception {
        assertTrue(eval("color IN ('blue', 'red')"));
        assertFalse(eval("color IN ('blue')"));
        assertTrue(eval("color NOT IN ('blue', 'green')"));
        assertNull(eval("missing IN ('a')"));
        assertNull(eval("missing NOT IN ('a')"));
        assertFalse(eval("size IN ('10')"));
        invalid("color IN (1, 2)");
        invalid("color IN ()");
        invalid("'red' IN ('red')");
    }

    @Test
    @DisplayName("§3.8.1.2 LIKE with % and _, ESCAPE, NOT LIKE; NULL is unknown")
    void like() throws Exception {
        assertTrue(eval("color LIKE 'r%'"));
        assertTrue(eval("color LIKE '_ed'"));
        assertFalse(eval("color LIKE '_d'"));
        assertTrue(eval("color NOT LIKE 'b%'"));
        assertTrue(eval("path LIKE 'a\\_b\\%c' ESCAPE '\\'"));
        assertFalse(eval("path LIKE 'a\\_bx%' ESCAPE '\\'"));
        assertTrue(eval("path LIKE 'a!_b%' ESCAPE '!'"));
        assertTrue(eval("color LIKE 'r.d' OR color LIKE 'r*'") == Boolean.FALSE, "regex characters are literal");
        assertNull(eval("missing LIKE 'a%'"));
        invalid("color LIKE 'a' ESCAPE 'ab'");
        invalid("color LIKE 5");
    }

    @Test
    @DisplayName("§3.8.1.2 IS NULL and IS NOT NULL are never unknown")
    void isNull() throws Exception {
        assertTrue(eval("missing IS NULL"));
        assertFalse(eval("color IS NULL"));
        assertTrue(eval("color IS NOT NULL"));
        invalid("size + 1 IS NULL");
        invalid("color IS 5");
    }

    @Test
    @DisplayName("§3.8.1 the whole selector must be a condition; a boolean identifier alone is one")
    void selectorIsACondition() throws Exception {
        assertTrue(eval("flag"));
        assertNull(eval("size"), "a number-valued identifier is not TRUE");
        invalid("5");
        invalid("'text'");
        invalid("size + 1");
        invalid("NOT 5");
        invalid("size = 1 AND 2");
    }

    @ParameterizedTest(name = "invalid: {0}")
    @ValueSource(strings = {"", "   ", "size =", "= 1", "(size = 1", "size = 1)", "size == 1", "size = 'a",
            "size ! 1", "color LIKE", "size NOT 1", "a IS NOT", "size BETWEEN 1 OR 2", "a,b", "x = 1 2"})
    @DisplayName("syntax errors are SelectorSyntaxException")
    void syntaxErrors(String selector) {
        invalid(selector);
    }

    @Test
    @DisplayName("an error names the position of the problem")
    void errorPosition() {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class,
                () -> Selector.parse("size = 1 AND color LIKE 5"));
        assertEquals(24, e.position());
        assertTrue(e.getMessage().contains("position 25"), e.getMessage());
    }
}
