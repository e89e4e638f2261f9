package org.wharfmq.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One (provider, workload) run in a JVM of its own, so runs cannot disturb each other and the heap limit is
 * the run's. Prints {@code RESULT <json>}. Arguments: provider, workload, scale, data directory.
 */
public final class RunOne {

    private RunOne() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[3]));
        BenchProvider provider = BenchProvider.of(args[0], dir);
        Result r;
        try {
            r = new Workloads(provider, Double.parseDouble(args[2])).run(args[1]);
        } catch (Throwable e) {
            r = new Result(args[1], args[0], 0, 0, 0, 0, "VOID: " + e, 0);
        }
        System.out.println("RESULT " + r.json());
        System.out.flush();
        System.exit(0);
    }
}
