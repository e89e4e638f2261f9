package org.wharfmq.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * What an application asked for when it got a connection (Connectors 2.1 §6.5.1.2): the user and password of
 * {@code createConnection(user, password)}, or none. The password takes no part in {@code toString}.
 */
record WharfConnectionRequestInfo(String userName, String password) implements ConnectionRequestInfo {

    @Override
    public boolean equals(Object o) {
        return o instanceof WharfConnectionRequestInfo i && Objects.equals(i.userName, userName)
                && Objects.equals(i.password, password);
    }

    /**
     * True if {@code other} signs on as the same user with the same password (compared in constant time): a pooled
     * connection is handed only to the credentials it was authenticated with.
     */
    boolean sameSignOn(WharfConnectionRequestInfo other) {
        return Objects.equals(userName, other.userName) && java.security.MessageDigest.isEqual(bytes(password),
                bytes(other.password));
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(userName);
    }

    @Override
    public String toString() {
        return "WharfConnectionRequestInfo[user=" + userName + "]";
    }
}
