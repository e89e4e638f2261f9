package org.wharfmq.sample.orderdesk.h2;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;

/**
 * H2's XA data source with recovery that rolls back every branch it reports in doubt, not only the first.
 *
 * <p>H2's {@code JdbcXAConnection} issues {@code ROLLBACK TRANSACTION} for a branch only while a per-connection
 * {@code prepared} flag is set; {@code recover()} sets it when it finds branches in doubt, and the first rollback
 * clears it. A transaction manager that recovers several H2 branches on one {@code XAResource} — as GlassFish does,
 * once, at start-up — therefore rolls back the first and silently leaves the others in doubt, holding their row
 * locks until an operator resolves them by hand (H2 2.5.252; the same per-connection state is listed among H2's XA
 * problems in Open Liberty issue #34826). WildFly's periodic recovery drains them one per pass.
 *
 * <p>This class scans again before each rollback of a recovered branch, which sets the flag again. It is what the
 * crash test's domain-level recovery pool on GlassFish uses (in the domain's {@code lib}, next to H2's jar), so that
 * the test proves the order desk's exactly-once outcome instead of tripping over this H2 defect; an application
 * keeping its data in H2 under XA needs the same, or a database whose XA recovery is complete.
 */
public class RecoveringH2XADataSource implements XADataSource {

    private final JdbcDataSource h2 = new JdbcDataSource();

    /** The JDBC URL (a bean property, as the server's pool configuration sets it). */
    public void setURL(String url) {
        h2.setURL(url);
    }

    public String getURL() {
        return h2.getURL();
    }

    public void setUser(String user) {
        h2.setUser(user);
    }

    public String getUser() {
        return h2.getUser();
    }

    public void setPassword(String password) {
        h2.setPassword(password);
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        return new RecoveringXAConnection(h2.getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return new RecoveringXAConnection(h2.getXAConnection(user, password));
    }

    @Override
    public PrintWriter getLogWriter() {
        return h2.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        h2.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        h2.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return h2.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return h2.getParentLogger();
    }

    private static final class RecoveringXAConnection implements XAConnection {
        private final XAConnection h2;
        private final RecoveringXAResource resource;

        RecoveringXAConnection(XAConnection h2) throws SQLException {
            this.h2 = h2;
            this.resource = new RecoveringXAResource(h2.getXAResource());
        }

        @Override
        public XAResource getXAResource() {
            return resource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return h2.getConnection();
        }

        @Override
        public void close() throws SQLException {
            h2.close();
        }

        @Override
        public void addConnectionEventListener(ConnectionEventListener listener) {
            h2.addConnectionEventListener(listener);
        }

        @Override
        public void removeConnectionEventListener(ConnectionEventListener listener) {
            h2.removeConnectionEventListener(listener);
        }

        @Override
        public void addStatementEventListener(StatementEventListener listener) {
            h2.addStatementEventListener(listener);
        }

        @Override
        public void removeStatementEventListener(StatementEventListener listener) {
            h2.removeStatementEventListener(listener);
        }
    }

    /** Delegates to H2's resource; remembers the branches its scans reported, to scan again before rolling one back. */
    private static final class RecoveringXAResource implements XAResource {
        private final XAResource h2;
        private final Set<String> recovered = ConcurrentHashMap.newKeySet();

        RecoveringXAResource(XAResource h2) {
            this.h2 = h2;
        }

        private static String key(Xid xid) {
            return xid.getFormatId() + ":" + Arrays.toString(xid.getGlobalTransactionId()) + ":"
                    + Arrays.toString(xid.getBranchQualifier());
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            Xid[] xids = h2.recover(flag);
            for (Xid xid : xids) {
                recovered.add(key(xid));
            }
            return xids;
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            if (recovered.remove(key(xid))) {
                h2.recover(TMSTARTRSCAN | TMENDRSCAN);
            }
            try {
                h2.rollback(xid);
            } catch (XAException e) {
                throw unknownBranch(e);
            }
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            recovered.remove(key(xid));
            try {
                h2.commit(xid, onePhase);
            } catch (XAException e) {
                throw unknownBranch(e);
            }
        }

        /**
         * H2 answers a branch it does not know (already finished before the crash) with an XAException of no error
         * code; XA says XAER_NOTA, which a transaction manager's recovery takes as "nothing left to do" instead of
         * logging a failed commit.
         */
        private static XAException unknownBranch(XAException e) {
            if (e.errorCode == 0 && e.getCause() instanceof SQLException sql
                    && sql.getErrorCode() == ErrorCode.TRANSACTION_NOT_FOUND_1) {
                XAException nota = new XAException(XAException.XAER_NOTA);
                nota.initCause(e);
                return nota;
            }
            return e;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            h2.start(xid, flags);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            h2.end(xid, flags);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            return h2.prepare(xid);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            recovered.remove(key(xid));
            h2.forget(xid);
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return h2.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return h2.setTransactionTimeout(seconds);
        }
    }
}
