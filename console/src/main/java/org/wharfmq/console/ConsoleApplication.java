package org.wharfmq.console;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The console's JSON API under {@code /api}; the page (index.html) is its only client. */
@ApplicationPath("api")
public class ConsoleApplication extends Application {
}
