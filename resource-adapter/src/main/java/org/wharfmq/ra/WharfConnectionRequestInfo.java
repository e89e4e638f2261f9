package org.wharfmq.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * What an application asked for when it got a connection (Connectors 2.1 §6.5.1.2): the user and password of
 * {@code createConnection(user, password)}, or none. The password takes no part in equality or {@code toString}.
 */
record WharfConnectionRequestInfo(String userName, String password) implements ConnectionRequestInfo {

    @Override
    public boolean equals(Object o) {
        return o instanceof WharfConnectionRequestInfo i && Objects.equals(i.userName, userName)
                && Objects.equals(i.password, password);
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
