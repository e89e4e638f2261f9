package org.wharfmq.sample.orderdesk.probe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A servlet that the security test deploys beside the order desk (a module of the same EAR, so that it sees the
 * application's {@code java:app} resources): it sends one message to a queue through the connection factory it is
 * told, optionally with a user and password (component-managed sign-on), and answers {@code sent} or
 * {@code refused at <step>: <exception class>: <message>} — what the application would see at the call — and,
 * on a last line, the warnings Wharf logged meanwhile.
 * Part of the test harness, never of the sample.
 */
@WebServlet("/send")
public class SendProbe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String factory = request.getParameter("cf");
        String user = request.getParameter("user");
        String password = request.getParameter("password");
        String queue = request.getParameter("queue");
        response.setContentType("text/plain");
        // what Wharf logs during the call, caught from java.util.logging in this JVM (whatever the server does with
        // its log file): the answer ends with "logged: <message> | <message>..."
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler catcher = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger wharf = Logger.getLogger("org.wharfmq");
        wharf.addHandler(catcher);
        String answer;
        try {
            answer = send(factory, user, password, queue);
        } finally {
            wharf.removeHandler(catcher);
        }
        response.getWriter().print(answer + "\nlogged: " + String.join(" | ", logged));
    }

    private static String send(String factory, String user, String password, String queue) {
        ConnectionFactory cf;
        try {
            cf = (ConnectionFactory) new InitialContext().lookup(factory);
        } catch (NamingException e) {
            return "no connection factory " + factory + ": " + e;
        }
        String step = "createConnection";
        try (Connection c = user == null ? cf.createConnection() : cf.createConnection(user, password)) {
            step = "send";
            Session s = c.createSession();
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage("probe"));
            return "sent";
        } catch (JMSException e) {
            return "refused at " + step + ": " + e.getClass().getName() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "failed at " + step + ": " + e;
        }
    }
}
