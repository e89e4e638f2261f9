package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §5.9: browsing a queue shows its messages in delivery order and consumes nothing. */
class QueueBrowserTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private static List<String> texts(QueueBrowser b) throws JMSException {
        List<String> result = new ArrayList<>();
        for (Object o : Collections.list(b.getEnumeration())) {
            result.add(((TextMessage) o).getText());
        }
        return result;
    }

    @Test
    @DisplayName("§5.9 a browser sees the queue in delivery order and consumes nothing")
    void browseDoesNotConsume() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("q");
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("a"));
        p.send(s.createTextMessage("urgent"), jakarta.jms.DeliveryMode.PERSISTENT, 8, 0);
        p.send(s.createTextMessage("b"));
        QueueBrowser browser = s.createBrowser(q);
        assertEquals(q, browser.getQueue());
        assertEquals(List.of("urgent", "a", "b"), texts(browser));
        assertEquals(List.of("urgent", "a", "b"), texts(browser), "browsing twice sees the same");
        Message first = s.createConsumer(q).receive(1000);
        assertEquals("urgent", ((TextMessage) first).getText());
        assertEquals(List.of("a", "b"), texts(browser));
        browser.close();
        assertThrows(IllegalStateException.class, browser::getEnumeration);
    }
}
