package org.wharfmq.sample.orderdesk;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the order processor saw, outside any transaction (so that rolled-back attempts are still counted): the
 * time of every delivery attempt per order, and how many deliveries ran at once.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryLog {

    private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public void started(String orderId) {
        attempts.computeIfAbsent(orderId, k -> new ArrayList<>());
        synchronized (attempts.get(orderId)) {
            attempts.get(orderId).add(System.currentTimeMillis());
        }
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    public void finished() {
        running.decrementAndGet();
    }

    public List<Long> attempts(String orderId) {
        List<Long> a = attempts.getOrDefault(orderId, List.of());
        synchronized (a) {
            return List.copyOf(a);
        }
    }

    public int peakConcurrency() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(0);
    }
}
