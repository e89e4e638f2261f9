package org.wharfmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionRolledBackException;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.MessageQueue;
import org.wharfmq.engine.Outgoing;
import org.wharfmq.engine.QueueEntry;
import org.wharfmq.engine.Receiver;
import org.wharfmq.selector.Selector;
import org.wharfmq.selector.SelectorSyntaxException;
import org.wharfmq.engine.StoredMessage;
import org.wharfmq.engine.Target;
import org.wharfmq.security.SecurityRealm.Action;
import org.wharfmq.jms.message.MessageCodec;
import org.wharfmq.jms.message.WharfBytesMessage;
import org.wharfmq.jms.message.WharfMapMessage;
import org.wharfmq.jms.message.WharfMessage;
import org.wharfmq.jms.message.WharfObjectMessage;
import org.wharfmq.jms.message.WharfStreamMessage;
import org.wharfmq.jms.message.WharfTextMessage;

/**
 * A single-threaded context for producing and consuming (JMS 3.1 §6.2, {@link Session}): it owns the
 * acknowledgement mode or the local transaction, the list of delivered-but-unacknowledged messages, and the
 * thread that runs its MessageListeners.
 */
public class WharfSession implements QueueSession, TopicSession {



    /** Which of the three interfaces the session was created as (§6.3): a queue or topic session refuses the other domain. */
    enum Domain { UNIFIED, QUEUE, TOPIC }

    final WharfConnection connection;
    final Engine engine;
    private final int mode;
    private volatile Domain domain = Domain.UNIFIED;
    private volatile boolean closed;

    private final List<WharfMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<WharfMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<WharfQueueBrowser> browsers = new CopyOnWriteArrayList<>();
    final UnitOfWork work;
    private final CompletionSequencer completions;
    private final ListenerDispatcher dispatcher = new ListenerDispatcher(this);
    private final String messageIdPrefix;

    WharfSession(WharfConnection connection, int mode) {
        this.connection = connection;
        this.engine = connection.engine;
        this.mode = mode;
        this.work = new UnitOfWork(engine, mode);
        this.completions = new CompletionSequencer(this, engine.workers());
        this.messageIdPrefix = "ID:" + engine.identity().replace("-", "").substring(0, 12) + "-";
    }

    /** Valid modes are the four of §6.2.10 (and, for JMSContext, the same constants on JMSContext). */
    static void checkSessionMode(int mode, boolean runtime) {
        if (mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
                && mode != Session.DUPS_OK_ACKNOWLEDGE && mode != Session.SESSION_TRANSACTED) {
            String text = "invalid session mode " + mode + ": use AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2), "
                    + "DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0)";
            if (runtime) {
                throw new JMSRuntimeException(text);
            }
            throw new IllegalArgumentException(text);
        }
    }

    void restrictTo(Domain d) {
        this.domain = d;
    }

    private void checkDomain(Domain forbidden, String what) throws IllegalStateException {
        if (domain == forbidden) {
            throw new IllegalStateException(what + " is not allowed on a " + (forbidden == Domain.QUEUE
                    ? "QueueSession" : "TopicSession") + " (JMS 3.1 §6.3)");
        }
    }

    // ---- state ---------------------------------------------------------------------------------------

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isTransacted() {
        return mode == Session.SESSION_TRANSACTED;
    }

    int mode() {
        return mode;
    }

    boolean isDeliveryThread() {
        return dispatcher.isDeliveryThread();
    }

    boolean isCompletionThread() {
        return completions.isCompletionThread();
    }

    List<WharfMessageConsumer> consumers() {
        return consumers;
    }

    private void checkNotInCompletionListener(String what) throws IllegalStateException {
        if (isCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not call " + what + " on its own session or "
                    + "context (JMS 3.1 §7.3.5)");
        }
    }

    // ---- messages ------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new WharfBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new WharfMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new WharfMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        WharfObjectMessage m = new WharfObjectMessage();
        m.setAllowList(connection.settings.objectMessageAllowList());
        return m;
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage m = createObjectMessage();
        m.setObject(object);
        return m;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new WharfStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new WharfTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new WharfTextMessage(text);
    }

    // ---- transactions and acknowledgement ------------------------------------------------------------

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return isTransacted();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    /** Makes this transaction's sends visible and its receives acknowledged, atomically (§6.2.7). */
    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (!isTransacted()) {
            throw new IllegalStateException("commit() needs a transacted session");
        }
        checkNotInCompletionListener("commit");
        completions.await();
        try {
            work.commit();
        } catch (EngineException e) {
            TransactionRolledBackException t = new TransactionRolledBackException("the transaction was rolled "
                    + "back because the journal could not commit it: " + e.getMessage());
            t.setLinkedException(e);
            t.initCause(e);
            throw t;
        }
    }

    /** Discards this transaction's sends and redelivers its receives (§6.2.7). */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (!isTransacted()) {
            throw new IllegalStateException("rollback() needs a transacted session");
        }
        checkNotInCompletionListener("rollback");
        completions.await();
        work.rollback("the transaction was rolled back");
    }

    /** Redelivers every unacknowledged message, oldest first, marked redelivered (§6.2.11). */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (isTransacted()) {
            throw new IllegalStateException("recover() is not allowed on a transacted session; use rollback()");
        }
        work.rollback("the session was recovered");
    }

    /** CLIENT_ACKNOWLEDGE: acknowledges every message this session has delivered (§6.2.10). */
    void acknowledgeAll() throws JMSException {
        checkOpen();
        if (mode != Session.CLIENT_ACKNOWLEDGE) {
            return;
        }
        try {
            work.acknowledgeAll();
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
    }

    // ---- delivery ------------------------------------------------------------------------------------

    /**
     * Turns a claimed entry into the message the application sees and records it as unacknowledged.
     * {@code settledOnReturn}: a synchronous receive, which in AUTO_ACKNOWLEDGE acknowledges before it returns.
     */
    WharfMessage delivered(QueueEntry e, boolean settledOnReturn) throws JMSException {
        WharfMessage m;
        try {
            m = MessageCodec.decode(engine.body(e), connection.settings.objectMessageAllowList());
        } catch (EngineException ex) {
            engine.release(List.of(e), "the message could not be read: " + ex.getMessage());
            throw JmsExceptions.from(ex);
        } catch (JMSException ex) {
            engine.release(List.of(e), "the message could not be read: " + ex.getMessage());
            throw ex;
        }
        if (mode != Session.DUPS_OK_ACKNOWLEDGE && !(settledOnReturn && work.acknowledgesEach())) {
            // the application will hold the message unacknowledged: should the JVM die now, the message comes
            // back and must say it was delivered before (JMS 3.1 §3.4.7)
            try {
                engine.recordDelivery(e);
            } catch (EngineException ex) {
                engine.release(List.of(e), "the delivery could not be recorded: " + ex.getMessage());
                throw JmsExceptions.from(ex);
            }
        }
        m.setJMSRedelivered(e.deliveryCount() > 1);
        m.setProviderProperty("JMSXDeliveryCount", e.deliveryCount());
        if (mode == Session.CLIENT_ACKNOWLEDGE) {
            m.setAcknowledger(this::acknowledgeAll);
        }
        work.delivered(e);
        return m;
    }

    /** AUTO and DUPS_OK acknowledge each message once the application has it (§6.2.10). */
    void completeDelivery(QueueEntry e) throws JMSException {
        try {
            work.settle(e);
        } catch (EngineException ex) {
            throw JmsExceptions.from(ex);
        }
    }

    /** A failed receiveBody: AUTO/DUPS_OK behave as if it never happened; other modes keep it delivered. */
    void undoDelivery(QueueEntry e) {
        work.undo(e);
    }

    /** A MessageListener threw: AUTO/DUPS_OK redeliver at once; CLIENT and transacted go on (§8.7). */
    void listenerFailed(QueueEntry e, RuntimeException failure) {
        work.failed(e, "the MessageListener threw " + failure);
    }

    void listenerSet(WharfMessageConsumer c) {
        c.source.addWatcher(dispatcher::wakeup);
        dispatcher.start();
    }

    void listenerRemoved(WharfMessageConsumer c) {
        c.source.removeWatcher(dispatcher::wakeup);
    }

    /** Waits for a MessageListener in progress (unless called from it). */
    void awaitListenerIdle() {
        dispatcher.awaitIdle();
    }

    void connectionStarted() {
        dispatcher.wakeup();
        for (WharfMessageConsumer c : consumers) {
            c.source.wakeAll();
        }
    }

    void connectionStopped() {
        for (WharfMessageConsumer c : consumers) {
            c.source.wakeAll();
        }
        awaitListenerIdle();
    }

    // ---- sending -------------------------------------------------------------------------------------

    /** Stamps the headers of §3.4 on the message, stores it, and sends or buffers it (§7.2, §7.3). */
    void send(WharfMessageProducer producer, WharfDestination destination, Message message, int deliveryMode,
              int priority, long timeToLive, CompletionListener completionListener) throws JMSException {
        checkOpen();
        connection.authorization.check(Action.SEND, destination.getName(), destination.isTopic(),
                destination.isTemporary());
        connection.used();
        long now = System.currentTimeMillis();
        long id = engine.nextMessageId();
        long expiration = timeToLive > 0 ? now + timeToLive : 0;
        long deliveryTime = now + producer.deliveryDelay();
        String messageId = producer.disableMessageID() ? null : messageIdPrefix + id;
        long timestamp = producer.disableMessageTimestamp() ? 0 : now;
        stamp(message, destination, deliveryMode, priority, expiration, deliveryTime, messageId, timestamp);
        WharfMessage w = MessageCodec.fromForeign(message);
        if (w != message) {
            stamp(w, destination, deliveryMode, priority, expiration, deliveryTime, messageId, timestamp);
        }
        Target target;
        try {
            target = engine.destinations().target(destination.getName(), destination.isTopic(), destination.isTemporary());
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
        Object group = w.getObjectProperty("JMSXGroupID");
        byte[] encoded = MessageCodec.encode(w);
        if (encoded.length > connection.settings.maxMessageBytes()) {
            throw new ResourceAllocationException("the message is " + encoded.length + " bytes, over the limit of "
                    + connection.settings.maxMessageBytes() + " (setting 'maxMessageBytes'): send a smaller message,"
                    + " or raise the limit on the connection factory");
        }
        StoredMessage stored = new StoredMessage(id, priority, expiration, deliveryTime,
                deliveryMode == DeliveryMode.PERSISTENT, group instanceof String g ? g : null, connection.id,
                connection.clientIdOrNull(), encoded);
        Outgoing outgoing = new Outgoing(target, stored);
        if (work.buffering()) {
            work.buffer(outgoing);
            if (completionListener != null) {
                completions.after(producer, CompletableFuture.completedFuture(null), message, completionListener);
            }
            return;
        }
        if (completionListener == null) {
            try {
                engine.commit(List.of(outgoing), List.of());
            } catch (EngineException e) {
                throw JmsExceptions.from(e);
            }
            return;
        }
        completions.after(producer, engine.sendAsync(outgoing), message, completionListener);
    }

    private static void stamp(Message m, Destination destination, int deliveryMode, int priority, long expiration,
                              long deliveryTime, String messageId, long timestamp) throws JMSException {
        m.setJMSDestination(destination);
        m.setJMSDeliveryMode(deliveryMode);
        m.setJMSPriority(priority);
        m.setJMSExpiration(expiration);
        m.setJMSDeliveryTime(deliveryTime);
        m.setJMSMessageID(messageId);
        m.setJMSTimestamp(timestamp);
    }

    // ---- producers, consumers, browsers --------------------------------------------------------------

    static WharfDestination wharf(Destination d) throws InvalidDestinationException {
        if (d instanceof WharfDestination w) {
            if (w.getName() == null) {
                throw new InvalidDestinationException("the destination has no name");
            }
            return w;
        }
        throw new InvalidDestinationException(d == null ? "the destination must not be null"
                : "destination " + d + " does not belong to Wharf; use session.createQueue/createTopic or a Wharf JNDI name");
    }

    /** A selector's text, validated (§3.8.1); null when there is none (null or blank selects everything). */
    static String checkSelector(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        try {
            Selector.parse(selector);
            return selector;
        } catch (SelectorSyntaxException e) {
            InvalidSelectorException ise = new InvalidSelectorException(e.getMessage());
            ise.initCause(e);
            throw ise;
        }
    }

    private static Receiver receiver(MessageQueue queue, String selector) {
        return queue.attach(selector, selector == null ? null : WharfEngineHooks.INSTANCE.filter(selector));
    }

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        connection.used();
        WharfMessageProducer p = new WharfMessageProducer(this, destination == null ? null : wharf(destination));
        producers.add(p);
        return p;
    }

    /** A CompletionListener must not close its own MessageProducer (JMS 3.1 §7.3.5). */
    void checkCanClose(WharfMessageProducer p) throws IllegalStateException {
        if (completions.isCompletionThreadOf(p)) {
            throw new IllegalStateException("a CompletionListener must not close its own MessageProducer "
                    + "(JMS 3.1 §7.3.5)");
        }
    }

    /**
     * Returns once the callbacks of the producer's incomplete asynchronous sends have returned (the
     * {@code MessageProducer.close} javadoc), and forgets the producer.
     */
    void producerClosed(WharfMessageProducer p) {
        completions.await(p);
        producers.remove(p);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        connection.used();
        WharfDestination d = wharf(destination);
        connection.authorization.check(Action.CONSUME, d.getName(), d.isTopic(), d.isTemporary());
        String selector = checkSelector(messageSelector);
        Receiver receiver;
        try {
            if (d.isTopic()) {
                receiver = receiver(engine.subscriptions().subscribe(d.getName(), d.isTemporary(), connection.id,
                        connection.clientIdOrNull(), selector, noLocal), null);
            } else {
                MessageQueue queue = d.isTemporary() ? engine.destinations().temporaryQueueFor(d.getName(), connection.id)
                        : engine.destinations().queue(d.getName());
                queue.consumerOpened();
                receiver = receiver(queue, selector);
            }
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
        return register(new WharfMessageConsumer(this, d, receiver, selector, noLocal, null));
    }

    private WharfMessageConsumer register(WharfMessageConsumer c) {
        consumers.add(c);
        return c;
    }

    void consumerClosed(WharfMessageConsumer c) {
        consumers.remove(c);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createSharedConsumer");
        connection.used();
        WharfDestination d = topicOf(topic);
        connection.authorization.check(Action.CONSUME, d.getName(), d.isTopic(), d.isTemporary());
        String name = checkSubscriptionName(sharedSubscriptionName);
        String selector = checkSelector(messageSelector);
        try {
            return register(new WharfMessageConsumer(this, d, receiver(engine.subscriptions().subscribeShared(
                    d.getName(), name, connection.clientIdOrNull(), selector, connection.id), null), selector, false, name));
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return durable(topic, name, messageSelector, noLocal, false, "createDurableSubscriber");
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return durable(topic, name, messageSelector, noLocal, false, "createDurableConsumer");
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return durable(topic, name, messageSelector, false, true, "createSharedDurableConsumer");
    }

    private WharfMessageConsumer durable(Topic topic, String name, String messageSelector, boolean noLocal,
                                         boolean shared, String what) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, what);
        connection.used();
        WharfDestination d = topicOf(topic);
        if (d.isTemporary()) {
            throw new InvalidDestinationException("a durable subscription cannot be created on a temporary topic");
        }
        connection.authorization.check(Action.CONSUME, d.getName(), d.isTopic(), d.isTemporary());
        connection.authorization.check(Action.DURABLE, d.getName(), d.isTopic(), d.isTemporary());
        String subscription = checkSubscriptionName(name);
        String selector = checkSelector(messageSelector);
        String clientId = connection.clientIdOrNull();
        if (!shared && clientId == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client ID: set one on the "
                    + "connection or the connection factory (JMS 3.1 §8.3.3)");
        }
        try {
            return register(new WharfMessageConsumer(this, d, receiver(engine.subscriptions().subscribeDurable(
                    d.getName(), subscription, clientId, selector, noLocal, shared, connection.id), null), selector,
                    noLocal, subscription));
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
    }

    private static WharfDestination topicOf(Topic topic) throws InvalidDestinationException {
        WharfDestination d = wharf(topic);
        if (!d.isTopic()) {
            throw new InvalidDestinationException(d + " is not a topic");
        }
        return d;
    }

    private static String checkSubscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
        return name;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "unsubscribe");
        connection.used();
        checkSubscriptionName(name);
        try {
            engine.subscriptions().unsubscribe(name, connection.clientIdOrNull());
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createBrowser");
        connection.used();
        WharfDestination d = wharf(queue);
        connection.authorization.check(Action.BROWSE, d.getName(), d.isTopic(), d.isTemporary());
        String selector = checkSelector(messageSelector);
        MessageQueue source;
        try {
            source = d.isTemporary() ? engine.destinations().temporaryQueueFor(d.getName(), connection.id) : engine.destinations().queue(d.getName());
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
        WharfQueueBrowser b = new WharfQueueBrowser(this, (Queue) d, source, selector);
        browsers.add(b);
        return b;
    }

    void browserClosed(WharfQueueBrowser b) {
        browsers.remove(b);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createQueue");
        try {
            return new WharfQueue(queueName);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createTopic");
        try {
            return new WharfTopic(topicName);
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTemporaryQueue");
        connection.authorization.checkTemporary();
        connection.used();
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createTemporaryTopic");
        connection.authorization.checkTemporary();
        connection.used();
        return connection.createTemporaryTopic();
    }

    // ---- QueueSession / TopicSession -----------------------------------------------------------------

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    // ---- application server facility (optional, §9.2) ----------------------------------------------

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("Session.setMessageListener belongs to the optional application server facility "
                + "(JMS 3.1 §9.2), which Wharf does not implement; set the listener on a MessageConsumer instead");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run belongs to the optional application server facility "
                + "(JMS 3.1 §9.2), which Wharf does not implement");
    }

    // ---- close ---------------------------------------------------------------------------------------

    /**
     * Closes consumers, producers and browsers, waits for a listener in progress and for incomplete
     * asynchronous sends, rolls back an open transaction and returns unacknowledged messages (§6.2.14).
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isDeliveryThread()) {
            throw new IllegalStateException("a MessageListener must not close its own session (JMS 3.1 §6.2.14)");
        }
        checkNotInCompletionListener("close");
        closeFromConnection();
        connection.sessionClosed(this);
    }

    void closeFromConnection() {
        if (closed) {
            return;
        }
        completions.await();
        closed = true;
        dispatcher.stop();
        for (WharfMessageConsumer c : consumers) {
            c.closeQuietly();
        }
        awaitListenerIdle();
        for (WharfQueueBrowser b : browsers) {
            b.closeQuietly();
        }
        producers.clear();
        work.rollback(isTransacted() ? "the session closed with its transaction open"
                : "the session closed before the message was acknowledged");
    }

    @Override
    public String toString() {
        return "WharfSession[" + connection + ", mode=" + mode + "]";
    }
}
