package org.wharfmq.sample.orderdesk;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The order desk's own database — not Wharf's journal: an XA-capable H2 file in the server's working directory,
 * defined by the application itself. An order row written by the MDB and the consumption of the order message
 * commit in one XA transaction, which is what the sample demonstrates.
 */
@Singleton
@Startup
@DataSourceDefinition(name = "java:app/jdbc/OrderDesk",
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:file:./order-desk-data/orders",
        user = "sa",
        password = "")
public class OrderDeskDatabase {

    @Resource(lookup = "java:app/jdbc/OrderDesk")
    private DataSource db;

    @PostConstruct
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
