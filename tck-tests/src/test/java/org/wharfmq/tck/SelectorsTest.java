package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/**
 * JMS 3.1 §3.8 selectors, end to end: four messages with known properties go to a queue, and each selector must
 * select exactly the listed ones. Covers the grammar, the types and three-valued logic.
 */
class SelectorsTest {

    @RegisterExtension
    final Jms jms = new Jms();

    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws Exception {
        session = jms.session(Session.AUTO_ACKNOWLEDGE);
        queue = jms.queue("q");
        MessageProducer p = session.createProducer(queue);
        // m1: red, 10, 2.5, true, type 'a'   m2: blue, 20, 7.0, false   m3: no color, 30   m4: 'it''s', no size
        send(p, "m1", "red", 10, 2.5, true, "a");
        send(p, "m2", "blue", 20, 7.0, false, null);
        send(p, "m3", null, 30, null, null, null);
        send(p, "m4", "it's", null, null, null, "b_%");
    }

    private void send(MessageProducer p, String text, String color, Integer size, Double weight, Boolean flag,
                      String type) throws JMSException {
        Message m = session.createTextMessage(text);
        if (color != null) {
            m.setStringProperty("color", color);
        }
        if (size != null) {
            m.setIntProperty("size", size);
        }
        if (weight != null) {
            m.setDoubleProperty("weight", weight);
        }
        if (flag != null) {
            m.setBooleanProperty("flag", flag);
        }
        m.setJMSType(type);
        p.send(m);
    }

    private List<String> selected(String selector) throws JMSException {
        MessageConsumer c = session.createConsumer(queue, selector);
        List<String> got = new ArrayList<>();
        Message m;
        while ((m = c.receive(Jms.ABSENT)) != null) {
            got.add(((TextMessage) m).getText());
        }
        c.close();
        session.recover();
        return got;
    }

    @ParameterizedTest(name = "§3.8.1 [{0}] selects {1}")
    @CsvSource(delimiter = '|', value = {
        "color = 'red'                                  | m1",
        "color <> 'red'                                 | m2 m4",
        "NOT color = 'red'                              | m2 m4",
        "size > 15                                      | m2 m3",
        "size >= 10 AND size <= 20                      | m1 m2",
        "size BETWEEN 10 AND 20                         | m1 m2",
        "size NOT BETWEEN 10 AND 20                     | m3",
        "size + 5 = 15 OR size * 2 = 60                 | m1 m3",
        "size / 4 = 2                                   | m1",
        "-size < -25                                    | m3",
        "weight > 2 AND weight < 3                      | m1",
        "weight = 7                                     | m2",
        "size = 10.0                                    | m1",
        "color IN ('red', 'blue')                       | m1 m2",
        "color NOT IN ('red', 'blue')                   | m4",
        "color LIKE 'r%'                                | m1",
        "color LIKE '_lue'                              | m2",
        "color NOT LIKE '%e%'                           | m4",
        "color = 'it''s'                                | m4",
        "JMSType LIKE 'b\\_\\%' ESCAPE '\\'             | m4",
        "color IS NULL                                  | m3",
        "color IS NOT NULL AND size IS NULL             | m4",
        "flag                                           | m1",
        "flag = FALSE                                   | m2",
        "NOT flag                                       | m2",
        "flag OR size > 25                              | m1 m3",
        "size > 25 OR color = 'blue'                    | m2 m3",
        "color = 'red' AND size = 10 OR color = 'blue'  | m1 m2",
        "color = 'red' AND (size = 20 OR weight = 2.5)  | m1",
        "size = '10'                                    | ''",
        "color = 10                                     | ''",
        "JMSPriority = 4 AND JMSDeliveryMode = 'PERSISTENT' | m1 m2 m3 m4",
        "JMSMessageID LIKE 'ID:%'                       | m1 m2 m3 m4",
        "JMSTimestamp > 0                               | m1 m2 m3 m4",
        "JMSCorrelationID IS NULL                       | m1 m2 m3 m4",
        "JMSType = 'a'                                  | m1",
        "TRUE                                           | m1 m2 m3 m4",
        "FALSE                                          | ''",
        "nothing = 1 OR TRUE                            | m1 m2 m3 m4",
        "NOT (nothing = 1)                              | ''",
        "size = 10 AND 1 = 1.0                          | m1",
        "size = 0x0A OR size = 036 OR size = 1E1        | m1 m3",
    })
    void selects(String selector, String expected) throws JMSException {
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split(" "));
        assertEquals(want, selected(selector.trim()));
    }

    @ParameterizedTest(name = "§3.8.1 [{0}] is invalid")
    @ValueSource(strings = {"color = ", "color == 'red'", "(size > 1", "size > 1)", "color LIKE 3",
            "color IN (1)", "NULL = 1", "size BETWEEN 1", "color IS 'x'", "'a' > 'b'"})
    void invalid(String selector) {
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, selector));
    }

    @ParameterizedTest(name = "§3.8.1.1 [{0}] compares unlike types known when presented: refused")
    @ValueSource(strings = {"TRUE = 0", "FALSE = 0", "0 <> TRUE", "TRUE = 'TRUE'", "'x' <> FALSE", "'1' = 1",
            "(size > 1) = 1", "TRUE + 1 = 2", "'a' * 2 = 2", "-FALSE = 0"})
    void unlikeTypesRefusedByConsumerBrowserAndContext(String selector) throws Exception {
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, selector));
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, selector));
        try (JMSContext context = jms.factory().createContext()) {
            assertThrows(InvalidSelectorRuntimeException.class, () -> context.createConsumer(queue, selector));
            assertThrows(InvalidSelectorRuntimeException.class, () -> context.createBrowser(queue, selector));
        }
    }
}
