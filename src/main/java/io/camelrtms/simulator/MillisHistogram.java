package io.camelrtms.simulator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of durations in whole milliseconds, 0 to 60 000 ms exact to the
 * millisecond (longer ones count in the last bucket), for the load generator's own figures. Written
 * here rather than taken from HdrHistogram because the simulator depends on the protocol package
 * only and a millisecond array is all it needs.
 */
public final class MillisHistogram {

    private static final int LIMIT = 60_000;

    private final AtomicLongArray counts = new AtomicLongArray(LIMIT + 1);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

    /** Records one duration; negative values count as 0. */
    public void record(long millis) {
        long v = Math.max(0, millis);
        counts.incrementAndGet((int) Math.min(LIMIT, v));
        total.incrementAndGet();
        max.accumulateAndGet(v, Math::max);
    }

    /** Forgets every value (not atomic against concurrent recording). */
    public void reset() {
        for (int i = 0; i <= LIMIT; i++) {
            counts.set(i, 0);
        }
        total.set(0);
        max.set(Long.MIN_VALUE);
    }

    public long count() {
        return total.get();
    }

    /** The largest value recorded, or -1 when none was. */
    public long max() {
        long m = max.get();
        return m == Long.MIN_VALUE ? -1 : m;
    }

    /** The smallest value at or below which {@code p} (0 to 1) of the recorded values lie; -1 when empty. */
    public long percentile(double p) {
        long n = total.get();
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = 0;
        for (int i = 0; i <= LIMIT; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return LIMIT;
    }
}
