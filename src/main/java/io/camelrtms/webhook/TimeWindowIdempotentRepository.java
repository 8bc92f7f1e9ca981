package io.camelrtms.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An in-memory {@link IdempotentRepository} that forgets a key once a time window has passed since it
 * was added, and holds at most a fixed number of keys (the oldest go first).
 *
 * <p>Written here because core Camel has no time-windowed repository: {@code MemoryIdempotentRepository}
 * evicts by count only, and the time-aware ones (Caffeine, Infinispan, JDBC, Redis, …) each bring a
 * store this bundle does not otherwise need. Zoom retries a webhook 5, 25 and 85 minutes after the
 * first attempt, so a window of a couple of hours catches every retry while the memory stays bounded.
 *
 * <p>Thread-safe. Keys live in insertion order, which for a fixed window is also expiry order, so
 * expiry only ever looks at the oldest entries.
 */
public class TimeWindowIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final Duration window;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Instant> added = new LinkedHashMap<>();

    /**
     * @param window     how long a key is remembered; positive
     * @param maxEntries how many keys are remembered at most; positive
     * @param clock      the time source (tests pass a fixed or stepping clock)
     */
    public TimeWindowIdempotentRepository(Duration window, int maxEntries, Clock clock) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The dedupe window must be positive, was " + window);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("The dedupe capacity must be positive, was " + maxEntries);
        }
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean add(String key) {
        Instant now = clock.instant();
        expire(now);
        if (added.containsKey(key)) {
            return false;
        }
        added.put(key, now);
        Iterator<String> oldest = added.keySet().iterator();
        while (added.size() > maxEntries) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        expire(clock.instant());
        return added.containsKey(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        return added.remove(key) != null;
    }

    /** Nothing to do: keys are added eagerly and only time or capacity removes them. */
    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public synchronized void clear() {
        added.clear();
    }

    /** The number of keys currently remembered. */
    public synchronized int size() {
        expire(clock.instant());
        return added.size();
    }

    public Duration getWindow() {
        return window;
    }

    public int getMaxEntries() {
        return maxEntries;
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(window);
        Iterator<Instant> it = added.values().iterator();
        while (it.hasNext()) {
            if (it.next().isAfter(horizon)) {
                // everything after this entry was added later still
                return;
            }
            it.remove();
        }
    }

    @Override
    protected void doShutdown() {
        clear();
    }
}
