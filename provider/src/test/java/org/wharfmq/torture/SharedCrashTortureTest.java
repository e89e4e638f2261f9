package org.wharfmq.torture;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.Postgres;

/**
 * The crash torture on the shared journal: the same child ({@link TortureChild}: every kind of work at once —
 * AUTO, CLIENT, transacted, a durable subscription, XA) runs as a node of a PostgreSQL journal and is killed
 * ({@code destroyForcibly}) at a random moment; the check then opens the journal as a node of the same name — as an
 * application server restarted after a crash would, which its in-doubt XA branches belong to — and checks the same
 * invariants. The killed node's claims come back at once (its name's holder ran on this host and its process is
 * gone); what its prepared branches hold stays held until the check finishes them.
 */
class SharedCrashTortureTest extends CrashTortureTest {

    /** The node name of every round's child and of the check: the name a restarted server keeps. */
    private static final String NODE = "torture-node";

    @RegisterExtension
    final Postgres postgres = new Postgres();

    @Override
    String childUrl() {
        return postgres.url() + "&nodeName=" + NODE + "&nodeLeaseSeconds=5";
    }

    @Override
    String checkUrl() {
        return childUrl() + "&engineLingerMillis=0";
    }

    /** The database is the journal: nothing to copy (the report is kept). */
    @Override
    Path copyAsKilled() {
        return null;
    }

    @Override
    String kind() {
        return "crash torture on the shared journal";
    }
}
