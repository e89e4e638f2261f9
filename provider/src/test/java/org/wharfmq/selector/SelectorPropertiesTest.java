package org.wharfmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the evaluator against the specification's truth tables and type rules (JMS 3.1 §3.8.1.2). */
class SelectorPropertiesTest {

    /** SQL truth values as property values: a Boolean, or absent (unknown). */
    @Provide
    Arbitrary<Boolean> truth() {
        return Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.34);
    }

    private static Boolean eval(String selector, Map<String, Object> values) throws SelectorSyntaxException {
        return Selector.parse(selector).evaluate(values::get);
    }

    private static Map<String, Object> of(Object a, Object b) {
        Map<String, Object> m = new HashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    static Boolean kleeneAnd(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    static Boolean kleeneOr(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    @Property
    @Label("AND, OR and NOT follow the three-valued truth tables")
    void truthTables(@ForAll("truth") Boolean a, @ForAll("truth") Boolean b) throws Exception {
        assertEquals(kleeneAnd(a, b), eval("a AND b", of(a, b)));
        assertEquals(kleeneOr(a, b), eval("a OR b", of(a, b)));
        assertEquals(a == null ? null : !a, eval("NOT a", of(a, b)));
    }

    @Property
    @Label("De Morgan holds in three-valued logic")
    void deMorgan(@ForAll("truth") Boolean a, @ForAll("truth") Boolean b) throws Exception {
        assertEquals(eval("NOT (a AND b)", of(a, b)), eval("NOT a OR NOT b", of(a, b)));
        assertEquals(eval("NOT (a OR b)", of(a, b)), eval("NOT a AND NOT b", of(a, b)));
    }

    @Property
    @Label("comparisons of exact numbers agree with Java")
    void exactComparisons(@ForAll long a, @ForAll long b) throws Exception {
        Map<String, Object> v = of(a, b);
        assertEquals(a < b, eval("a < b", v));
        assertEquals(a <= b, eval("a <= b", v));
        assertEquals(a == b, eval("a = b", v));
        assertEquals(a != b, eval("a <> b", v));
        assertEquals(a >= b, eval("a >= b", v));
    }

    @Property
    @Label("mixed exact and approximate operands promote to double, as in Java")
    void promotion(@ForAll @IntRange(min = -1000, max = 1000) int a, @ForAll double b) throws Exception {
        Map<String, Object> v = of(a, b);
        assertEquals(a < b, eval("a < b", v));
        assertEquals((double) a == b, eval("a = b", v));
        assertEquals(a * b > 0, eval("a * b > 0", v));
    }

    @Property
    @Label("BETWEEN is the same as >= AND <=, NOT BETWEEN its negation")
    void betweenEquivalence(@ForAll @IntRange(min = -5, max = 5) int x, @ForAll @IntRange(min = -5, max = 5) int lo,
                            @ForAll("truth") Boolean present) throws Exception {
        Map<String, Object> v = new HashMap<>();
        if (present != null) {
            v.put("x", x);
        }
        assertEquals(Selector.parse("x >= " + lo + " AND x <= " + (lo + 3)).evaluate(v::get),
                Selector.parse("x BETWEEN " + lo + " AND " + (lo + 3)).evaluate(v::get));
        assertEquals(Selector.parse("NOT (x BETWEEN " + lo + " AND " + (lo + 3) + ")").evaluate(v::get),
                Selector.parse("x NOT BETWEEN " + lo + " AND " + (lo + 3)).evaluate(v::get));
    }

    @Property
    @Label("values of different types never compare equal, and are never unknown")
    void differentTypes(@ForAll long n, @ForAll String s) throws Exception {
        Map<String, Object> v = of(n, s);
        assertEquals(Boolean.FALSE, eval("a = b", v));
        assertEquals(Boolean.FALSE, eval("a <> b", v));
    }

    @Property
    @Label("IN is the same as a chain of = with OR")
    void inEquivalence(@ForAll("small") String a, @ForAll("small") String x, @ForAll("small") String y)
            throws Exception {
        Map<String, Object> v = of(a, null);
        String q = "'" + x.replace("'", "''") + "'";
        String r = "'" + y.replace("'", "''") + "'";
        assertEquals(eval("a = " + q + " OR a = " + r, v), eval("a IN (" + q + ", " + r + ")", v));
    }

    @Provide
    Arbitrary<String> small() {
        return Arbitraries.strings().withChars("ab'%_").ofMaxLength(3);
    }

    @Property(tries = 3000)
    @Label("fuzz: any text either parses or fails with SelectorSyntaxException, nothing else")
    void fuzzParser(@ForAll("selectorish") String text) {
        try {
            Selector s = Selector.parse(text);
            s.evaluate(name -> name.length() % 2 == 0 ? (Object) name : (Object) (long) name.length());
        } catch (SelectorSyntaxException expected) {
            // fine: only this exception is allowed
        }
    }

    @Provide
    Arbitrary<String> selectorish() {
        Arbitrary<String> words = Arbitraries.of("a", "b", "AND", "OR", "NOT", "BETWEEN", "LIKE", "IN", "IS", "NULL",
                "TRUE", "FALSE", "ESCAPE", "=", "<>", "<", ">", "<=", ">=", "+", "-", "*", "/", "(", ")", ",", "'x'",
                "'%_'", "1", "2.5", "0x1F", "1e3", "07", "9223372036854775808", "'", ".", "!", "JMSPriority");
        Arbitrary<String> chars = Arbitraries.strings().ofMaxLength(12);
        return Arbitraries.oneOf(words.list().ofMaxSize(12).map(l -> String.join(" ", l)), chars);
    }
}
