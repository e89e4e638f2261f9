package org.wharfmq.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes for the users of a {@link SecurityRealm}: PBKDF2 with HMAC-SHA256, written
 * {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>}. A realm file never holds a password.
 *
 * <p>To make one: {@code java -cp wharf-provider.jar org.wharfmq.security.PasswordHash} (asks for the password,
 * or reads it from standard input) and paste the line it prints into the realm file.
 */
public final class PasswordHash {

    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's figure for PBKDF2-HMAC-SHA256 when it was chosen; stored in each hash, so it can grow later. */
    static final int ITERATIONS = 310_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private PasswordHash() {
    }

    /** A new hash of {@code password} with a random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return SCHEME + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    /** True if {@code password} is the one {@code stored} was made from (compared in constant time). */
    public static boolean matches(char[] password, String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Throws IllegalArgumentException saying what is wrong unless {@code stored} is a well-formed hash. */
    static void check(String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash of the form " + SCHEME
                    + ":<iterations>:<salt>:<hash> (make one with org.wharfmq.security.PasswordHash)");
        }
        try {
            if (Integer.parseInt(parts[1]) < 1) {
                throw new IllegalArgumentException("the iteration count of the password hash must be positive");
            }
            Base64.getDecoder().decode(parts[2]);
            Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed password hash: " + e.getMessage(), e);
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints the hash of a password typed at the console or given on standard input. */
    public static void main(String[] args) throws Exception {
        Console console = System.console();
        char[] password = console != null ? console.readPassword("password: ")
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().toCharArray();
        try {
            System.out.println(hash(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
