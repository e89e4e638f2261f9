package org.wharfmq.console;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What the page reads and does. Reading needs role {@code wharf-monitor} or {@code wharf-operator} (web.xml);
 * requeue and purge need {@code wharf-operator} and the header {@code X-Wharf-Console}, which a page of another
 * site cannot send without the browser asking first, so that a forged form cannot purge a queue.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    static final String OPERATOR = "wharf-operator";
    private static final Logger LOG = Logger.getLogger(ConsoleResource.class.getName());

    @Context
    private SecurityContext security;

    private final WharfBeans beans = new WharfBeans(ManagementFactory.getPlatformMBeanServer());

    /** Engines, destinations and who is looking: everything the page's tables show, in one request. */
    @GET
    @Path("overview")
    public Map<String, Object> overview() throws JMException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName());
        out.put("operator", security.isUserInRole(OPERATOR));
        out.put("time", System.currentTimeMillis());
        out.put("engines", beans.engines());
        out.put("destinations", beans.destinations());
        return out;
    }

    @GET
    @Path("history")
    public List<Map<String, Object>> history(@QueryParam("id") String id) throws JMException {
        return beans.history(destination(id));
    }

    @GET
    @Path("messages")
    public List<Map<String, Object>> messages(@QueryParam("id") String id, @QueryParam("max") Integer max)
            throws JMException {
        return beans.messages(destination(id), max == null ? 100 : Math.max(1, Math.min(max, 1000)));
    }

    @POST
    @Path("requeue")
    public Map<String, Object> requeue(@HeaderParam("X-Wharf-Console") String marker, @FormParam("id") String id,
                                       @FormParam("messageId") String messageId, @FormParam("to") String to)
            throws JMException {
        ObjectName from = operatorAction(marker, id);
        if (messageId == null || messageId.isBlank() || to == null || to.isBlank()) {
            throw badRequest("requeue needs messageId and to");
        }
        int moved = beans.requeue(from, messageId, to);
        LOG.info(() -> "console: " + security.getUserPrincipal().getName() + " requeued " + messageId + " from "
                + from.getKeyProperty("name") + " to " + to + (moved == 0 ? " (not found)" : ""));
        return Map.of("moved", moved);
    }

    @POST
    @Path("purge")
    public Map<String, Object> purge(@HeaderParam("X-Wharf-Console") String marker, @FormParam("id") String id)
            throws JMException {
        ObjectName destination = operatorAction(marker, id);
        int purged = beans.purge(destination);
        LOG.info(() -> "console: " + security.getUserPrincipal().getName() + " purged " + purged + " message(s) from "
                + destination.getKeyProperty("name"));
        return Map.of("purged", purged);
    }

    private ObjectName operatorAction(String marker, String id) {
        if (!security.isUserInRole(OPERATOR)) {
            throw new WebApplicationException(error(Response.Status.FORBIDDEN,
                    "requeue and purge need role " + OPERATOR));
        }
        if (marker == null) {
            throw new WebApplicationException(error(Response.Status.FORBIDDEN,
                    "changes are accepted from the console page only (header X-Wharf-Console)"));
        }
        return destination(id);
    }

    private ObjectName destination(String id) {
        try {
            return beans.destination(id);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(error(Response.Status.NOT_FOUND, e.getMessage()));
        }
    }

    private static WebApplicationException badRequest(String message) {
        return new WebApplicationException(error(Response.Status.BAD_REQUEST, message));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
