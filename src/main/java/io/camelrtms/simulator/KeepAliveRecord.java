package io.camelrtms.simulator;

import java.time.Instant;

/** Mutable bookkeeping behind a {@link KeepAlive}; written on the stream's context, read anywhere. */
final class KeepAliveRecord {

    final SocketRole role;
    final String urlKey;
    final long timestamp;
    final Instant sentAt;
    volatile Instant answeredAt;

    KeepAliveRecord(SocketRole role, String urlKey, long timestamp, Instant sentAt) {
        this.role = role;
        this.urlKey = urlKey;
        this.timestamp = timestamp;
        this.sentAt = sentAt;
    }

    KeepAlive snapshot() {
        return new KeepAlive(role, urlKey, timestamp, sentAt, answeredAt);
    }
}
