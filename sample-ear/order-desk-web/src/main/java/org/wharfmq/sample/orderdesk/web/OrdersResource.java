package org.wharfmq.sample.orderdesk.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wharfmq.sample.orderdesk.DeliveryLog;
import org.wharfmq.sample.orderdesk.Order;
import org.wharfmq.sample.orderdesk.OrderDesk;
import org.wharfmq.sample.orderdesk.Orders;

/**
 * Place orders, publish events, and look at what happened: processed orders, the audit trail, queue depths, the
 * dead-letter queue with failure reasons, delivery attempts. JSON out; form parameters in.
 */
@RequestScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @EJB
    private OrderDesk desk;

    @EJB
    private Orders orders;

    @EJB
    private DeliveryLog log;

    @POST
    @Path("orders")
    public Response place(@FormParam("id") String id, @FormParam("customer") @DefaultValue("ACME") String customer,
                          @FormParam("item") @DefaultValue("widget") String item,
                          @FormParam("quantity") @DefaultValue("1") int quantity,
                          @FormParam("region") @DefaultValue("EU") String region,
                          @FormParam("processingMillis") @DefaultValue("0") long processingMillis) {
        String orderId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        desk.place(new Order(orderId, customer, item, quantity, region, processingMillis));
        return Response.accepted(Json.createObjectBuilder().add("id", orderId).build().toString()).build();
    }

    /** {@code count} orders {@code prefix}0, {@code prefix}1, … placed in one transaction. */
    @POST
    @Path("orders/batch")
    public Response placeBatch(@FormParam("prefix") String prefix, @FormParam("count") int count,
                               @FormParam("quantity") @DefaultValue("1") int quantity,
                               @FormParam("processingMillis") @DefaultValue("0") long processingMillis) {
        if (prefix == null || prefix.isBlank() || count < 1 || count > 10_000) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity("a batch needs a prefix and a count from 1 to 10000").build();
        }
        List<Order> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Order(prefix + i, "ACME", "widget", quantity, "EU", processingMillis));
        }
        desk.placeAll(batch);
        return Response.accepted(Json.createObjectBuilder().add("placed", count).build().toString()).build();
    }

    @GET
    @Path("orders")
    public String processed(@QueryParam("limit") @DefaultValue("50") int limit) {
        return json(orders.processed(limit));
    }

    @GET
    @Path("orders/counts")
    public String rowsPerOrder() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        orders.rowsPerOrder().forEach(b::add);
        return b.build().toString();
    }

    @POST
    @Path("events")
    public Response publish(@FormParam("kind") String kind, @FormParam("orderId") String orderId) {
        desk.publish(kind, orderId);
        return Response.accepted().build();
    }

    @GET
    @Path("audit")
    public String audit(@QueryParam("limit") @DefaultValue("50") int limit) {
        return json(orders.auditTrail(limit));
    }

    @GET
    @Path("queues/{name}")
    public String browse(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("50") int limit) {
        return Json.createObjectBuilder().add("queue", name).add("depth", desk.depth(name))
                .add("messages", array(desk.browse(name, limit))).build().toString();
    }

    @GET
    @Path("stats")
    public String stats() {
        return Json.createObjectBuilder().add("orders", desk.depth("orders")).add("dlq", desk.depth("orders.dlq"))
                .add("processed", orders.rowsPerOrder().size()).add("peakConcurrency", log.peakConcurrency())
                .add("database", orders.databaseUrl())
                .build().toString();
    }

    @POST
    @Path("stats/reset")
    public Response reset() {
        log.resetPeak();
        return Response.noContent().build();
    }

    @GET
    @Path("attempts/{id}")
    public String attempts(@PathParam("id") String id) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        log.attempts(id).forEach(a::add);
        return a.build().toString();
    }

    private static String json(List<Map<String, Object>> rows) {
        return array(rows).build().toString();
    }

    private static JsonArrayBuilder array(List<Map<String, Object>> rows) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Map<String, Object> row : rows) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            row.forEach((k, v) -> {
                if (v == null) {
                    o.addNull(k);
                } else if (v instanceof Number n) {
                    o.add(k, n.longValue());
                } else {
                    o.add(k, v.toString());
                }
            });
            a.add(o);
        }
        return a;
    }
}
