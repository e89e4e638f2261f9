package org.wharfmq.xa;

import java.nio.charset.StandardCharsets;
import javax.transaction.xa.Xid;

/** An Xid the way a transaction manager makes one. */
public record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {

    public static TestXid of(String global, String branch) {
        return new TestXid(4242, global.getBytes(StandardCharsets.UTF_8), branch.getBytes(StandardCharsets.UTF_8));
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
}
