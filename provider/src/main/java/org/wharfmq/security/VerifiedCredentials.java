package org.wharfmq.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials one realm has verified recently, so that a program that opens a connection per operation
 * (Spring's {@code JmsTemplate} on a plain factory) pays the deliberately slow password hash once, not on every
 * send. Nothing here weakens the stored hash: what is remembered is an HMAC of user and password under a key
 * that is random per realm and never leaves this object, so a wrong password never matches, the memory holds no
 * password, and a changed realm file (a new {@link SecurityRealm}) forgets everything. Matches are compared in
 * constant time; each entry lives for {@link #TTL_NANOS}, and there are at most {@link #MAX_ENTRIES}.
 */
final class VerifiedCredentials {

    /** Five minutes: a removed user or changed password is also picked up at once when the realm file changes. */
    static final long TTL_NANOS = 5L * 60 * 1_000_000_000;

    static final int MAX_ENTRIES = 10_000;

    private record Verified(byte[] mac, long expiresAtNanos) {
    }

    private final SecretKeySpec key;
    private final Map<String, Verified> byUser = new ConcurrentHashMap<>();

    VerifiedCredentials() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The HMAC of this user and password, to check with {@link #matches} and keep with {@link #remember}. */
    byte[] mac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** True if {@code user} was verified with the credential behind {@code mac} within the last five minutes. */
    boolean matches(String user, byte[] mac) {
        Verified v = byUser.get(user);
        if (v == null) {
            return false;
        }
        if (System.nanoTime() - v.expiresAtNanos() > 0) {
            byUser.remove(user, v);
            return false;
        }
        return MessageDigest.isEqual(v.mac(), mac);
    }

    /** Remembers a credential the password hash has just verified. */
    void remember(String user, byte[] mac) {
        if (byUser.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            byUser.values().removeIf(v -> now - v.expiresAtNanos() > 0);
            if (byUser.size() >= MAX_ENTRIES) {
                byUser.clear();
            }
        }
        byUser.put(user, new Verified(mac, System.nanoTime() + TTL_NANOS));
    }
}
