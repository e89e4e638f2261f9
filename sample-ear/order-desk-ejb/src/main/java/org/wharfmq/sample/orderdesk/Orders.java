package org.wharfmq.sample.orderdesk;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The order and audit tables (plain JDBC; every method joins the caller's transaction). */
@Stateless
public class Orders {

    @Resource(lookup = "java:app/jdbc/OrderDesk")
    private DataSource db;

    public void insert(Order o, boolean redelivered) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO ORDERS (ID, CUSTOMER, ITEM, QUANTITY, REGION, "
                     + "PROCESSED_AT, REDELIVERED) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, o.id());
            p.setString(2, o.customer());
            p.setString(3, o.item());
            p.setInt(4, o.quantity());
            p.setString(5, o.region());
            p.setTimestamp(6, new Timestamp(System.currentTimeMillis()));
            p.setBoolean(7, redelivered);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("order " + o.id() + " could not be stored: " + e.getMessage(), e);
        }
    }

    /** Where the order desk's database is (shown on the page, so that users can find it). */
    public String databaseUrl() {
        try (Connection c = db.getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void audit(String orderId, String kind) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO AUDIT (ORDER_ID, KIND, RECORDED_AT) VALUES (?, ?, ?)")) {
            p.setString(1, orderId);
            p.setString(2, kind);
            p.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("audit of " + orderId + " could not be stored: " + e.getMessage(), e);
        }
    }

    /** The processed orders, newest first: id, customer, item, quantity, region, processedAt. */
    public List<Map<String, Object>> processed(int limit) {
        return rows("SELECT ID, CUSTOMER, ITEM, QUANTITY, REGION, PROCESSED_AT FROM ORDERS ORDER BY PROCESSED_AT DESC "
                + "LIMIT " + limit);
    }

    /** How many rows each order id has (the crash test checks that every count is exactly 1). */
    public Map<String, Integer> rowsPerOrder() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT ID, COUNT(*) AS N FROM ORDERS GROUP BY ID")) {
            counts.put((String) r.get("ID"), ((Number) r.get("N")).intValue());
        }
        return counts;
    }

    public List<Map<String, Object>> auditTrail(int limit) {
        return rows("SELECT ORDER_ID, KIND, RECORDED_AT FROM AUDIT ORDER BY ID DESC LIMIT " + limit);
    }

    private List<Map<String, Object>> rows(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql);
             ResultSet rs = p.executeQuery()) {
            List<Map<String, Object>> out = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    Object v = rs.getObject(i);
                    row.put(rs.getMetaData().getColumnLabel(i), v instanceof Timestamp t ? t.toInstant().toString() : v);
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the order desk database could not be read: " + e.getMessage(), e);
        }
    }
}
