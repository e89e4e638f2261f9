package org.wharfmq.ra.support;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;

/** What an application server gives a starting resource adapter (Connectors 2.1 §5.3.2), minus what Wharf never uses. */
public final class TestBootstrapContext implements BootstrapContext {

    private final ThreadPoolWorkManager workManager = new ThreadPoolWorkManager();

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    public ThreadPoolWorkManager threadPool() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() throws UnavailableException {
        throw new UnavailableException("Wharf must not need the container's timers");
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }
}
