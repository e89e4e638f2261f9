package org.wharfmq.jms.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JMS 3.1 §3.5.4: the property conversion table, every row and column, and the null rules. */
class PropertyConversionTest {

    private interface Getter {
        Object get(Message m, String name) throws JMSException;
    }

    private static final Map<String, Getter> GETTERS = Map.of(
            "boolean", Message::getBooleanProperty,
            "byte", Message::getByteProperty,
            "short", Message::getShortProperty,
            "int", Message::getIntProperty,
            "long", Message::getLongProperty,
            "float", Message::getFloatProperty,
            "double", Message::getDoubleProperty,
            "String", Message::getStringProperty);

    /** Which getters a value written as each type may be read with (the "X" cells of the table). */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(true, List.of("boolean", "String")),
                Arguments.of((byte) 7, List.of("byte", "short", "int", "long", "String")),
                Arguments.of((short) 7, List.of("short", "int", "long", "String")),
                Arguments.of(7, List.of("int", "long", "String")),
                Arguments.of(7L, List.of("long", "String")),
                Arguments.of(7.5f, List.of("float", "double", "String")),
                Arguments.of(7.5d, List.of("double", "String")),
                Arguments.of("7", List.of("byte", "short", "int", "long", "float", "double", "String", "boolean")));
    }

    @ParameterizedTest(name = "§3.5.4 a {0} property reads as exactly {1}")
    @MethodSource("table")
    void conversionTable(Object value, List<String> allowed) throws JMSException {
        Message m = new WharfMessage();
        m.setObjectProperty("p", value);
        for (Map.Entry<String, Getter> g : GETTERS.entrySet()) {
            if (allowed.contains(g.getKey())) {
                Object read = g.getValue().get(m, "p");
                if (g.getKey().equals("String")) {
                    assertEquals(value.toString(), read);
                }
            } else {
                assertThrows(MessageFormatException.class, () -> g.getValue().get(m, "p"),
                        value.getClass().getSimpleName() + " must not read as " + g.getKey());
            }
        }
    }

    @Test
    @DisplayName("§3.5.4 widening conversions keep the value")
    void wideningKeepsValue() throws JMSException {
        Message m = new WharfMessage();
        m.setByteProperty("b", (byte) -5);
        m.setFloatProperty("f", 1.25f);
        assertEquals(-5L, m.getLongProperty("b"));
        assertEquals(1.25d, m.getDoubleProperty("f"));
    }

    @Test
    @DisplayName("§3.5.4 a String that does not parse throws NumberFormatException")
    void unparsableStringThrowsNumberFormatException() throws JMSException {
        Message m = new WharfMessage();
        m.setStringProperty("s", "seven");
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("s"));
        assertFalse(m.getBooleanProperty("s"));
    }

    @Test
    @DisplayName("§3.5.4 a missing property reads as valueOf(null)")
    void missingPropertyReadsAsValueOfNull() throws JMSException {
        Message m = new WharfMessage();
        assertFalse(m.getBooleanProperty("none"));
        assertNull(m.getStringProperty("none"));
        assertNull(m.getObjectProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getLongProperty("none"));
        assertThrows(NullPointerException.class, () -> m.getDoubleProperty("none"));
        assertThrows(NullPointerException.class, () -> m.getFloatProperty("none"));
    }

    @Test
    @DisplayName("§3.5.4 setObjectProperty refuses types that are not property types")
    void setObjectPropertyRefusesOtherTypes() {
        Message m = new WharfMessage();
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("c", 'c'));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("b", new byte[1]));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("l", List.of()));
    }

    @Test
    @DisplayName("§3.5.1 property names must be identifiers, not empty, not reserved words")
    void propertyNamesAreIdentifiers() {
        Message m = new WharfMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("1abc", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("a-b", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("BETWEEN", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("null", 1));
    }

    @Test
    @DisplayName("§3.5.5 properties of a received message are read-only until clearProperties")
    void receivedPropertiesAreReadOnly() throws JMSException {
        WharfMessage m = new WharfMessage();
        m.setIntProperty("a", 1);
        m.markReceived();
        assertThrows(MessageNotWriteableException.class, () -> m.setIntProperty("b", 2));
        assertEquals(1, m.getIntProperty("a"));
        m.clearProperties();
        assertFalse(m.propertyExists("a"));
        m.setIntProperty("b", 2);
        assertTrue(m.propertyExists("b"));
        assertEquals(List.of("b"), Collections.list(m.getPropertyNames()));
    }
}
