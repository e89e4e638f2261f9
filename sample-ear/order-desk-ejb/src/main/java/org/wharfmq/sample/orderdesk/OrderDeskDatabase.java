package org.wharfmq.sample.orderdesk;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates the tables of the order desk's own database — not Wharf's journal: an XA-capable H2 file. The data source
 * is defined by the server's descriptor, where its transaction manager can recover it after a crash: on GlassFish
 * and Payara the EAR's glassfish-resources.xml (the file under the domain's config directory), on WildFly the EAR's
 * order-desk-ds.xml, to which jboss-ejb3.xml points the beans' references (the file under the server's data
 * directory). An application-defined data source ({@code @DataSourceDefinition}) would work until the first crash,
 * but neither server recovers one. The URLs set WRITE_DELAY=0, so that each commit reaches the file before it
 * returns and a killed server keeps what it committed. An order row written by the MDB and the consumption of the
 * order message commit in one XA transaction, which is what the sample demonstrates.
 */
@Singleton
@Startup
public class OrderDeskDatabase {

    @Resource(lookup = "java:app/jdbc/OrderDesk")
    private DataSource db;

    /**
     * No transaction around the DDL (a lifecycle callback's attribute must be on the method itself): at server start
     * GlassFish holds new transactions back until its recovery of in-doubt ones is done, and that recovery waits for
     * the applications to be loaded — a transaction here would stall every restart for two minutes (the timeout).
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createTables() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ORDERS (ID VARCHAR(64) PRIMARY KEY, CUSTOMER VARCHAR(200) NOT NULL, "
                    + "ITEM VARCHAR(200) NOT NULL, QUANTITY INT NOT NULL, REGION VARCHAR(20), "
                    + "PROCESSED_AT TIMESTAMP NOT NULL, REDELIVERED BOOLEAN NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS AUDIT (ID IDENTITY PRIMARY KEY, ORDER_ID VARCHAR(64) NOT NULL, "
                    + "KIND VARCHAR(40) NOT NULL, RECORDED_AT TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("the order desk tables could not be created: " + e.getMessage(), e);
        }
    }
}
