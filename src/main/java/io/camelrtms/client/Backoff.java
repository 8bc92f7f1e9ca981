package io.camelrtms.client;

/**
 * Zoom's reconnection backoff: an initial delay doubling up to a cap, reset after each success
 * (docs/protocol.md#reconnection). Not thread-safe; used on one event loop.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long next;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = Math.max(1, initialMillis);
        this.maxMillis = Math.max(this.initialMillis, maxMillis);
        this.next = this.initialMillis;
    }

    /** The delay to wait now; the following call returns twice as much, up to the cap. */
    long nextDelay() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return d;
    }

    void reset() {
        next = initialMillis;
    }
}
