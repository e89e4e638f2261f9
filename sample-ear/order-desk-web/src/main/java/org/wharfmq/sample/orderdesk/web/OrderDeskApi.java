package org.wharfmq.sample.orderdesk.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API of the order desk, under {@code /order-desk/api}. */
@ApplicationPath("api")
public class OrderDeskApi extends Application {
}
