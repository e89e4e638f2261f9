package org.wharfmq.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanException;

/**
 * What Wharf said when an operation failed (a queue that went away, a move to an unknown queue), as JSON with the
 * reason, instead of the server's error page.
 */
@Provider
public class JmxErrors implements ExceptionMapper<JMException> {

    @Override
    public Response toResponse(JMException e) {
        Throwable cause = e;
        if (e instanceof MBeanException m && m.getCause() != null) {
            cause = m.getCause();
        }
        Response.Status status = e instanceof InstanceNotFoundException ? Response.Status.NOT_FOUND
                : Response.Status.CONFLICT;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", String.valueOf(cause.getMessage()))).build();
    }
}
