package org.wharfmq.jms;

import jakarta.jms.ConnectionMetaData;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

/** What Wharf is and which JMS version it implements (JMS 3.1 §6.1.7, {@link ConnectionMetaData}). */
public final class WharfConnectionMetaData implements ConnectionMetaData {

    /** The JMSX properties Wharf supports (§3.5.9). */
    public static final List<String> JMSX_PROPERTIES = List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");

    static final WharfConnectionMetaData INSTANCE = new WharfConnectionMetaData();

    private final String version;

    private WharfConnectionMetaData() {
        Properties p = new Properties();
        try (InputStream in = WharfConnectionMetaData.class.getResourceAsStream("/org/wharfmq/wharf-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // the version stays unknown
        }
        version = p.getProperty("version", "0.0.0");
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Wharf";
    }

    @Override
    public String getProviderVersion() {
        return version;
    }

    @Override
    public int getProviderMajorVersion() {
        return part(0);
    }

    @Override
    public int getProviderMinorVersion() {
        return part(1);
    }

    private int part(int i) {
        String[] parts = version.split("[.-]");
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
