package org.wharfmq.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may connect, and what each user may do to which destination: the realm behind
 * {@code createConnection(user, password)} and {@code createContext(user, password)} (JMS 3.1 §6.1.4) when the
 * setting {@code securityFile} names one. Denials become {@code JMSSecurityException}s in the facade.
 *
 * <p>The file is a properties file:
 * <pre>
 * # users: user.&lt;name&gt; = &lt;password hash&gt;[, role]...   (hashes from {@link PasswordHash})
 * user.alice = pbkdf2-sha256:310000:...:..., producers
 * user.bob   = pbkdf2-sha256:310000:...:..., consumers, operators
 * # grants: &lt;action&gt;.&lt;destination&gt; = role[, role]...   (* as a role: every authenticated user)
 * send.orders        = producers
 * consume.orders     = consumers
 * browse.*           = operators
 * durable.prices     = consumers
 * temporary          = *
 * # optional: who connects without credentials: anonymous = &lt;name&gt;[, role]...
 * anonymous          = guest, readers
 * </pre>
 * Actions: {@code send}, {@code consume}, {@code browse}, {@code durable} (create or open a durable
 * subscription on a topic) and {@code temporary} (create temporary destinations, no destination). A destination
 * is a queue or topic name, or a prefix ending in {@code *}. Nothing is allowed unless a grant allows it.
 *
 * <p>Without an {@code anonymous} line, a connection without a user name is refused; with one, it is that
 * identity with those roles (and may do what their grants allow). A password the slow hash has verified is
 * remembered for a few minutes ({@link VerifiedCredentials}), so a connection per operation stays cheap.
 */
public final class SecurityRealm {

    /** What a user may be allowed to do. */
    public enum Action {
        SEND("send"), CONSUME("consume"), BROWSE("browse"), DURABLE("durable"), TEMPORARY("temporary");

        private final String key;

        Action(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** An authenticated user. */
    public record User(String name, Set<String> roles) {
    }

    private record Account(String hash, Set<String> roles) {
    }

    private record Grant(Action action, String pattern, Set<String> roles) {
        boolean covers(String destination) {
            return pattern.endsWith("*") ? destination.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(destination);
        }
    }

    private record Loaded(FileTime modified, SecurityRealm realm) {
    }

    private static final Map<Path, Loaded> CACHE = new ConcurrentHashMap<>();

    /** The realm file's key that names the identity of connections without credentials. */
    static final String ANONYMOUS = "anonymous";

    private final Path file;
    private final Map<String, Account> accounts;
    private final List<Grant> grants;
    private final Optional<User> anonymous;
    private final VerifiedCredentials verified = new VerifiedCredentials();

    private SecurityRealm(Path file, Map<String, Account> accounts, List<Grant> grants, Optional<User> anonymous) {
        this.file = file;
        this.accounts = accounts;
        this.grants = grants;
        this.anonymous = anonymous;
    }

    /** The realm in {@code file}, read again when the file has changed since it was last read. */
    public static SecurityRealm of(Path file) {
        Path key = file.toAbsolutePath().normalize();
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("the security file " + key + " (setting 'securityFile') cannot be"
                    + " read: " + e, e);
        }
        Loaded cached = CACHE.get(key);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.realm();
        }
        SecurityRealm realm = load(key);
        CACHE.put(key, new Loaded(modified, realm));
        return realm;
    }

    /** Reads and checks a realm file; every mistake is reported with the file and the key it is on. */
    static SecurityRealm load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("the security file " + file + " (setting 'securityFile') cannot be"
                    + " read: " + e, e);
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        List<Grant> grants = new ArrayList<>();
        User anonymous = null;
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            List<String> values = split(p.getProperty(key));
            String where = "security file " + file + ", key '" + key + "': ";
            if (key.equals(ANONYMOUS)) {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(where + "write anonymous = <name>[, role]... (the identity of"
                            + " connections without credentials), or leave the key out to refuse them");
                }
                anonymous = new User(values.get(0), new LinkedHashSet<>(values.subList(1, values.size())));
                continue;
            }
            if (key.startsWith("user.")) {
                String name = key.substring("user.".length());
                if (name.isEmpty() || values.isEmpty()) {
                    throw new IllegalArgumentException(where + "write user.<name> = <password hash>[, role]...");
                }
                try {
                    PasswordHash.check(values.get(0));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + e.getMessage(), e);
                }
                accounts.put(name, new Account(values.get(0), new LinkedHashSet<>(values.subList(1, values.size()))));
                continue;
            }
            Grant g = grant(key, values, where);
            grants.add(g);
        }
        if (anonymous != null && accounts.containsKey(anonymous.name())) {
            throw new IllegalArgumentException("security file " + file + ", key '" + ANONYMOUS + "': '"
                    + anonymous.name() + "' is a user with a password; name the anonymous identity otherwise");
        }
        return new SecurityRealm(file, Map.copyOf(accounts), List.copyOf(grants), Optional.ofNullable(anonymous));
    }

    private static Grant grant(String key, List<String> roles, String where) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(where + "name at least one role, or * for every user");
        }
        if (key.equals(Action.TEMPORARY.key())) {
            return new Grant(Action.TEMPORARY, "*", Set.copyOf(roles));
        }
        int dot = key.indexOf('.');
        String action = dot < 0 ? key : key.substring(0, dot);
        for (Action a : Action.values()) {
            if (a.key().equals(action) && a != Action.TEMPORARY && dot > 0 && dot < key.length() - 1) {
                return new Grant(a, key.substring(dot + 1), Set.copyOf(roles));
            }
        }
        throw new IllegalArgumentException(where + "not a user (user.<name>) nor a grant (send|consume|browse|durable"
                + ".<destination>, or temporary)");
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The user, if {@code password} is theirs: the slow hash once, then a remembered verification. */
    public Optional<User> authenticate(String user, String password) {
        Account a = user == null ? null : accounts.get(user);
        if (a == null || password == null) {
            return Optional.empty();
        }
        byte[] credential = verified.mac(user, password);
        if (!verified.matches(user, credential)) {
            if (!PasswordHash.matches(password.toCharArray(), a.hash())) {
                return Optional.empty();
            }
            verified.remember(user, credential);
        }
        return Optional.of(new User(user, a.roles()));
    }

    /** The identity of connections without credentials, if the realm names one ({@code anonymous = ...}). */
    public Optional<User> anonymous() {
        return anonymous;
    }

    /** True if some grant lets {@code user} do {@code action} to {@code destination} (ignored for TEMPORARY). */
    public boolean permits(User user, Action action, String destination) {
        for (Grant g : grants) {
            if (g.action() == action && (action == Action.TEMPORARY || g.covers(destination))
                    && (g.roles().contains("*") || g.roles().stream().anyMatch(user.roles()::contains))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "SecurityRealm[" + file + ", " + accounts.size() + " users, " + grants.size() + " grants"
                + anonymous.map(u -> ", anonymous '" + u.name() + "'").orElse("") + "]";
    }
}
