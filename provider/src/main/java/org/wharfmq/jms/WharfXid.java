package org.wharfmq.jms;

import java.io.Serializable;
import java.util.Arrays;
import javax.transaction.xa.Xid;
import org.wharfmq.engine.XaBranch;

/** An Xid as Wharf reports it from {@code XAResource.recover}; equal to any Xid with the same three parts. */
public final class WharfXid implements Xid, Serializable {

    private static final long serialVersionUID = 1L;

    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    public WharfXid(int formatId, byte[] gtrid, byte[] bqual) {
        this.formatId = formatId;
        this.gtrid = gtrid.clone();
        this.bqual = bqual.clone();
    }

    static WharfXid of(XaBranch.Key key) {
        return new WharfXid(key.formatId(), key.gtrid(), key.bqual());
    }

    static XaBranch.Key key(Xid xid) {
        return new XaBranch.Key(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xid x && x.getFormatId() == formatId && Arrays.equals(x.getGlobalTransactionId(), gtrid)
                && Arrays.equals(x.getBranchQualifier(), bqual);
    }

    @Override
    public int hashCode() {
        return key(this).hashCode();
    }

    @Override
    public String toString() {
        return "WharfXid[" + key(this) + "]";
    }
}
