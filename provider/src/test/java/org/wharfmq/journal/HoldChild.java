package org.wharfmq.journal;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;

/**
 * Child JVM for the restart tests. Depending on its mode it opens the journal and reports, or holds messages in
 * flight until it is killed:
 * <ul>
 *   <li>{@code hold URL}: receives one message from queue "inflight" in CLIENT_ACKNOWLEDGE and one from "tx" in
 *       a transaction that also sends to "tx-out", acknowledges and commits nothing, prints {@code holding}, and
 *       waits to be killed;</li>
 *   <li>{@code open URL}: tries to open the journal; prints {@code opened} or {@code refused: message};</li>
 *   <li>{@code exit URL}: sends and receives one message, sends "kept", closes the connection and returns from
 *       main;</li>
 *   <li>{@code own URL}: sends "from the owner" to queue "owned", prints {@code owning}, and waits to be killed
 *       with its connection open;</li>
 *   <li>{@code twice URL}: sends "one" to "three" to queue "redo", prints {@code stored 3}, waits for a line on
 *       stdin, receives "one" (AUTO_ACKNOWLEDGE) and sends "four" to "six", prints {@code stored 6}, and waits to
 *       be killed.</li>
 * </ul>
 */
public final class HoldChild {

    private HoldChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        WharfConnectionFactory factory = new WharfConnectionFactory(args[1]);
        switch (mode) {
            case "hold" -> hold(factory);
            case "open" -> {
                try {
                    factory.createConnection().close();
                    System.out.println("opened");
                } catch (JMSException e) {
                    System.out.println("refused: " + e.getMessage());
                }
            }
            case "exit" -> {
                Connection c = factory.createConnection();
                c.start();
                Session s = c.createSession();
                s.createProducer(new WharfQueue("exit")).send(s.createTextMessage("bye"));
                s.createConsumer(new WharfQueue("exit")).receive(1000);
                s.createProducer(new WharfQueue("exit")).send(s.createTextMessage("kept"));
                c.close();
                System.out.println("main returns");
            }
            case "twice" -> twice(factory);
            case "own" -> {
                Connection c = factory.createConnection();
                Session s = c.createSession();
                s.createProducer(new WharfQueue("owned")).send(s.createTextMessage("from the owner"));
                System.out.println("owning");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static void hold(WharfConnectionFactory factory) throws Exception {
        Connection c = factory.createConnection();
        c.start();
        Message inflight = c.createSession(Session.CLIENT_ACKNOWLEDGE).createConsumer(new WharfQueue("inflight"))
                .receive(5000);
        Session tx = c.createSession(Session.SESSION_TRANSACTED);
        Message txReceived = tx.createConsumer(new WharfQueue("tx")).receive(5000);
        tx.createProducer(new WharfQueue("tx-out")).send(tx.createTextMessage("uncommitted"));
        System.out.println("holding " + (inflight != null) + " " + (txReceived != null));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void twice(WharfConnectionFactory factory) throws Exception {
        Connection c = factory.createConnection();
        c.start();
        Session s = c.createSession();
        jakarta.jms.MessageProducer p = s.createProducer(new WharfQueue("redo"));
        for (String t : new String[] {"one", "two", "three"}) {
            p.send(s.createTextMessage(t));
        }
        System.out.println("stored 3");
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        s.createConsumer(new WharfQueue("redo")).receive(5000);
        for (String t : new String[] {"four", "five", "six"}) {
            p.send(s.createTextMessage(t));
        }
        System.out.println("stored 6");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
