package org.wharfmq.torture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a killed {@link TortureChild} reported, turned into what must hold for each message: a line is written
 * before a step starts and another after it returned, so a step without its second line may have gone either way,
 * and a step with it must have taken effect.
 */
final class TortureLedger {

    /** A queue, or the durable subscription, of one lane. */
    static final class Lane {
        final Set<Long> sent = new HashSet<>();
        final Set<Long> maybeSent = new HashSet<>();
        /** A transacted send batch whose commit had begun: all of it exists, or none. */
        List<Long> committing = List.of();
        final Set<Long> gone = new HashSet<>();
        final Set<Long> maybeGone = new HashSet<>();
        /** Received and not yet being acknowledged: must come back, marked redelivered. */
        final Set<Long> inFlight = new HashSet<>();
        List<Long> acknowledging = List.of();
        /** An AUTO_ACKNOWLEDGE receive had begun: the message it took may be gone without a report. */
        boolean receiving;
    }

    /** An XA branch of the xa lane, by the steps it reported. */
    static final class Branch {
        long in = -1;
        boolean ended;
        boolean prepared;
        Boolean commit;
        boolean done;
    }

    final Map<String, Lane> lanes = new HashMap<>();
    final Map<Long, Branch> branches = new HashMap<>();
    final List<String> unreadable = new ArrayList<>();
    int lines;

    Lane lane(String name) {
        return lanes.computeIfAbsent(name, n -> new Lane());
    }

    private final List<String> report = new ArrayList<>();

    /** Every line the child wrote, for a post-mortem. */
    synchronized List<String> reportLines() {
        return new ArrayList<>(report);
    }

    synchronized void read(String line) {
        lines++;
        report.add(line);
        if (!line.endsWith(" .")) {
            unreadable.add(line);
            return;
        }
        String[] t = line.substring(0, line.length() - 2).split(" ");
        switch (t[0]) {
            case "S" -> lane(t[1]).maybeSent.add(Long.parseLong(t[2]));
            case "s" -> {
                Lane l = lane(t[1]);
                long seq = Long.parseLong(t[2]);
                l.maybeSent.remove(seq);
                l.sent.add(seq);
            }
            case "T" -> lane(t[1]).committing = seqs(t[2]);
            case "t" -> {
                Lane l = lane(t[1]);
                l.sent.addAll(l.committing);
                l.committing = List.of();
            }
            case "R" -> lane(t[1]).receiving = true;
            case "G" -> {
                Lane l = lane(t[1]);
                l.gone.add(Long.parseLong(t[2]));
                l.receiving = false;
            }
            case "I" -> lane(t[1]).inFlight.add(Long.parseLong(t[2]));
            case "a" -> {
                Lane l = lane(t[1]);
                l.acknowledging = seqs(t[2]);
                l.inFlight.removeAll(l.acknowledging);
                l.maybeGone.addAll(l.acknowledging);
            }
            case "A" -> {
                Lane l = lane(t[1]);
                l.maybeGone.removeAll(l.acknowledging);
                l.gone.addAll(l.acknowledging);
                l.acknowledging = List.of();
            }
            case "X" -> branches.put(Long.parseLong(t[1]), new Branch());
            case "E" -> {
                Branch b = branches.get(Long.parseLong(t[1]));
                b.ended = true;
                b.in = t[2].equals("-") ? -1 : Long.parseLong(t[2]);
            }
            case "P" -> branches.get(Long.parseLong(t[1])).prepared = true;
            case "C", "B" -> branches.get(Long.parseLong(t[1])).commit = t[0].equals("C");
            case "D" -> branches.get(Long.parseLong(t[1])).done = true;
            default -> unreadable.add(line);
        }
    }

    synchronized int sentCount() {
        return lanes.values().stream().mapToInt(l -> l.sent.size()).sum();
    }

    private static List<Long> seqs(String csv) {
        List<Long> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            out.add(Long.parseLong(s));
        }
        return out;
    }
}
