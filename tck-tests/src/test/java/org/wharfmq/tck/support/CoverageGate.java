package org.wharfmq.tck.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Fails the build when the conformance suite alone covers less than the minimum share of the lines of Wharf's
 * {@code jakarta.jms} facade packages. Reads the CSV of JaCoCo's aggregate report; run by the build after it.
 * Arguments: the CSV path, the minimum (0..1).
 */
public final class CoverageGate {

    static final Set<String> FACADE = Set.of("org.wharfmq.jms", "org.wharfmq.jms.message");

    private CoverageGate() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        double minimum = Double.parseDouble(args[1]);
        List<String> lines = Files.readAllLines(csv);
        // GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
        long missed = 0;
        long covered = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (FACADE.contains(f[1])) {
                missed += Long.parseLong(f[7]);
                covered += Long.parseLong(f[8]);
            }
        }
        if (covered + missed == 0) {
            throw new IllegalStateException("no coverage data for " + FACADE + " in " + csv + ": the provider must be"
                    + " built in the same reactor (mvn verify, or mvn verify -pl tck-tests -am)");
        }
        double ratio = covered / (double) (covered + missed);
        System.out.printf("tck-tests line coverage of the facade %s: %.1f%% (%d of %d lines); minimum %.0f%%%n",
                FACADE, ratio * 100, covered, covered + missed, minimum * 100);
        if (ratio < minimum) {
            System.err.println("coverage gate failed");
            System.exit(1);
        }
    }
}
