package org.wharfmq.sample.orderdesk.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery pool's data source on a real H2 file left with prepared branches by a JVM that halted: one recovery
 * scan on one resource, then a rollback of every branch it reported, as GlassFish's start-up recovery does.
 */
class RecoveringH2XADataSourceTest {

    private static final int BRANCHES = 3;

    @TempDir
    Path dir;

    /** Run in a separate JVM: prepares {@link #BRANCHES} branches, each inserting one row, and halts. */
    public static void main(String[] args) throws Exception {
        JdbcDataSource ds = dataSource(new JdbcDataSource(), args[0]);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ORDERS (ID VARCHAR(64) PRIMARY KEY)");
        }
        for (int i = 0; i < BRANCHES; i++) {
            XAConnection xc = ds.getXAConnection();
            XAResource r = xc.getXAResource();
            Xid xid = new TestXid(i);
            r.start(xid, XAResource.TMNOFLAGS);
            try (Statement s = xc.getConnection().createStatement()) {
                s.execute("INSERT INTO ORDERS VALUES ('order-" + i + "')");
            }
            r.end(xid, XAResource.TMSUCCESS);
            r.prepare(xid);
        }
        Runtime.getRuntime().halt(0);
    }

    private static final String OPTIONS = ";WRITE_DELAY=0;LOCK_TIMEOUT=1000";

    private static JdbcDataSource dataSource(JdbcDataSource ds, String file) {
        ds.setURL("jdbc:h2:file:" + file + OPTIONS);
        ds.setUser("sa");
        ds.setPassword("test");
        return ds;
    }

    /** Configured as the server's pool configures it: bean properties. */
    private static RecoveringH2XADataSource recovering(String file) {
        RecoveringH2XADataSource ds = new RecoveringH2XADataSource();
        ds.setURL("jdbc:h2:file:" + file + OPTIONS);
        ds.setUser("sa");
        ds.setPassword("test");
        return ds;
    }

    private record TestXid(int n) implements Xid {
        @Override
        public int getFormatId() {
            return 4711;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return new byte[] {(byte) n, 1};
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {2};
        }
    }

    private String crashWithBranchesInDoubt() throws Exception {
        String file = dir.resolve("orders").toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RecoveringH2XADataSourceTest.class.getName(), file)
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the preparing JVM did not halt");
        }
        return file;
    }

    private static int inDoubt(XAConnection xc) throws SQLException {
        try (Connection c = xc.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    @DisplayName("one scan, then a rollback of each branch found: none stays in doubt, and their rows are free again")
    void rollsBackEveryRecoveredBranch() throws Exception {
        RecoveringH2XADataSource ds = recovering(crashWithBranchesInDoubt());
        XAConnection xc = ds.getXAConnection();
        try {
            XAResource r = xc.getXAResource();
            Xid[] xids = r.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertEquals(BRANCHES, xids.length, "branches in doubt after the halt");
            for (Xid xid : xids) {
                r.rollback(xid);
            }
            assertEquals(0, inDoubt(xc));
            try (Connection c = xc.getConnection(); Statement s = c.createStatement()) {
                for (int i = 0; i < BRANCHES; i++) {
                    // would time out on the lock of a branch left in doubt
                    s.execute("INSERT INTO ORDERS VALUES ('order-" + i + "')");
                }
            }
        } finally {
            xc.close();
        }
    }

    @Test
    @DisplayName("a branch the transaction manager commits at recovery keeps its row")
    void commitsARecoveredBranch() throws Exception {
        RecoveringH2XADataSource ds = recovering(crashWithBranchesInDoubt());
        XAConnection xc = ds.getXAConnection();
        try {
            XAResource r = xc.getXAResource();
            Xid[] xids = r.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            r.commit(xids[0], false);
            for (int i = 1; i < xids.length; i++) {
                r.rollback(xids[i]);
            }
            assertEquals(0, inDoubt(xc));
            try (Connection c = xc.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ORDERS")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        } finally {
            xc.close();
        }
    }

    @Test
    @DisplayName("committing a branch the database no longer knows (finished before the crash) answers XAER_NOTA")
    void unknownBranchIsXaerNota() throws Exception {
        RecoveringH2XADataSource ds = recovering(dir.resolve("empty").toString());
        XAConnection xc = ds.getXAConnection();
        try {
            XAException e = assertThrows(XAException.class, () -> xc.getXAResource().commit(new TestXid(9), false));
            assertEquals(XAException.XAER_NOTA, e.errorCode);
        } finally {
            xc.close();
        }
    }
}
