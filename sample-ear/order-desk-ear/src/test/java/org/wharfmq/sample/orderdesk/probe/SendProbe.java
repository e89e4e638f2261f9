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
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A servlet that the security test deploys beside the order desk (a module of the same EAR, so that it sees the
 * application's {@code java:app} resources): it sends one message to a queue through the connection factory it is
 * told, optionally with a user and password (component-managed sign-on), and answers {@code sent} or
 * {@code refused at <step>: <exception class>: <message>} — what the application would see at the call.
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
        response.getWriter().print(send(factory, user, password, queue));
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
