package org.wharfmq.torture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.wharfmq.support.ChildJvm;

/**
 * H2 on its own, no Wharf code: does a commit that returned survive {@code kill -9}? A child JVM inserts and
 * deletes rows in small transactions (half of them followed by {@code CHECKPOINT SYNC}, as Wharf's group commit
 * does, with WRITE_DELAY 0), reporting each commit before and after it returns; it is killed at a random moment,
 * the file is reopened and every commit that returned is checked. This is the probe that showed H2 2.3.232 and
 * 2.5.252 forgetting their newest commits (a few percent of kills), the reason for Wharf's redo log
 * ({@code org.wharfmq.journal.RedoLog}). Run it again against a new H2 version before trusting H2 alone:
 *
 * <pre>mvn -pl provider test -Dtest=H2KillProbe -Dwharf.h2probe.rounds=400</pre>
 *
 * The first round with a lost commit stops the run; the file as the kill left it and the child's report are kept
 * under {@code target/h2-probe-failure}.
 */
@EnabledIfSystemProperty(named = "wharf.h2probe.rounds", matches = "\\d+")
class H2KillProbe {

    @TempDir
    Path dir;

    @Test
    @DisplayName("H2 alone: every commit that returned before a kill -9 is there after reopening")
    void commitsThatReturnedSurviveAKill() throws Exception {
        int rounds = Integer.getInteger("wharf.h2probe.rounds");
        long seed = Long.getLong("wharf.h2probe.seed", System.nanoTime());
        Random random = new Random(seed);
        String url = "jdbc:h2:file:" + dir.resolve("probe").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Set<Long> mustExist = new HashSet<>();
        long commitsChecked = 0;
        for (int round = 1; round <= rounds; round++) {
            Process child = ChildJvm.start(H2KillProbe.class, url, String.valueOf(round));
            List<String> report = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            report.add(in.readLine());
            Thread.sleep(20 + random.nextInt(1500));
            child.toHandle().destroyForcibly();
            for (String line; (line = in.readLine()) != null; ) {
                report.add(line);
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            String pending = null;
            for (String line : report) {
                if (line.startsWith("P ")) {
                    pending = line;
                } else if (line.startsWith("C ")) {
                    pending = null;
                    commitsChecked++;
                    for (String id : ids(line)) {
                        if (id.startsWith("+")) {
                            mustExist.add(Long.parseLong(id.substring(1)));
                        } else {
                            mustExist.remove(Long.parseLong(id.substring(1)));
                        }
                    }
                }
            }
            Set<Long> either = new HashSet<>();
            if (pending != null) {
                ids(pending).forEach(id -> either.add(Long.parseLong(id.substring(1))));
            }
            mustExist.removeAll(either);
            Path asKilled = Files.copy(dir.resolve("probe.mv.db"), dir.resolve("as-killed.bin"),
                    StandardCopyOption.REPLACE_EXISTING);
            Set<Long> present = new HashSet<>();
            try (Connection c = open(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ID FROM T")) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
            Set<Long> lost = new TreeSet<>(mustExist);
            lost.removeAll(present);
            if (!lost.isEmpty()) {
                Path kept = Path.of("target", "h2-probe-failure");
                Files.createDirectories(kept);
                Files.copy(asKilled, kept.resolve("as-killed.mv.db"), StandardCopyOption.REPLACE_EXISTING);
                Files.write(kept.resolve("report.txt"), report);
            }
            assertTrue(lost.isEmpty(), "round " + round + " of " + rounds + " (seed " + seed + ", " + commitsChecked
                    + " commits checked so far): rows of commits that returned are gone after the kill: " + lost
                    + "; file and report kept in " + Path.of("target", "h2-probe-failure").toAbsolutePath());
            for (long id : either) {
                if (present.contains(id)) {
                    mustExist.add(id);
                }
            }
        }
        System.out.printf("H2 kill probe: %d kills, %d commits checked, none lost (seed %d)%n", rounds,
                commitsChecked, seed);
    }

    private static List<String> ids(String line) {
        List<String> ids = new ArrayList<>(List.of(line.substring(4).split(" ")));
        ids.removeIf(String::isEmpty);
        return ids;
    }

    private static Connection open(String url) throws SQLException {
        Connection c = new org.h2.Driver().connect(url, new java.util.Properties());
        try (Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        }
        return c;
    }

    /** The child: {@code url round}. Lines: "P F|U +id... -id..." before a commit, "C ..." after it returned. */
    public static void main(String[] args) throws Exception {
        Connection c = open(args[0]);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS T(ID BIGINT PRIMARY KEY, BODY VARBINARY NOT NULL)");
        }
        c.commit();
        List<Long> live = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM T ORDER BY ID")) {
            while (rs.next()) {
                live.add(rs.getLong(1));
            }
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("OPEN " + live.size());
        out.flush();
        long next = Long.parseLong(args[1]) * 10_000_000L;
        Random random = new Random();
        PreparedStatement insert = c.prepareStatement("INSERT INTO T(ID, BODY) VALUES(?, ?)");
        PreparedStatement delete = c.prepareStatement("DELETE FROM T WHERE ID = ?");
        PreparedStatement checkpoint = c.prepareStatement("CHECKPOINT SYNC");
        while (true) {
            StringBuilder change = new StringBuilder();
            List<Long> inserted = new ArrayList<>();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                byte[] body = new byte[200 + random.nextInt(3000)];
                random.nextBytes(body);
                insert.setLong(1, next);
                insert.setBytes(2, body);
                insert.executeUpdate();
                inserted.add(next);
                change.append(" +").append(next++);
            }
            for (int i = live.size() > 50 ? random.nextInt(6) : random.nextInt(2); i > 0 && !live.isEmpty(); i--) {
                long id = live.remove(random.nextInt(Math.min(live.size(), 20)));
                delete.setLong(1, id);
                delete.executeUpdate();
                change.append(" -").append(id);
            }
            boolean force = random.nextBoolean();
            String line = (force ? "F" : "U") + change;
            out.println("P " + line);
            out.flush();
            c.commit();
            if (force) {
                checkpoint.execute();
            }
            live.addAll(inserted);
            out.println("C " + line);
            out.flush();
        }
    }
}
