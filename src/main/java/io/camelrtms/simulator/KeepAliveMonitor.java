package io.camelrtms.simulator;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Zoom's keep-alive rule for one stream: a socket that has sent nothing (data or control) for the
 * interval gets a msg 12; the answer must echo its timestamp on the same socket; after the miss
 * limit of unanswered requests the socket has timed out. Timestamps are unique per stream, so an
 * answer on the wrong socket is told apart from a wrong echo. Confined to the stream's context.
 */
final class KeepAliveMonitor {

    /** What a socket needs now. */
    enum Action { NONE, SEND, TIMED_OUT }

    private final long intervalNanos;
    private final long intervalMillis;
    private final int missLimit;
    private long lastTimestamp;

    KeepAliveMonitor(long intervalMillis, int missLimit) {
        this.intervalMillis = intervalMillis;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.missLimit = missLimit;
    }

    /** How often sockets are looked at: a fifth of the interval, within 5 ms to 1 s. */
    long checkPeriodMillis() {
        return Math.max(5, Math.min(1000, intervalMillis / 5));
    }

    Action check(Connection c, long nowNanos) {
        long idleSince = Math.max(c.handshakeNanos, Math.max(c.lastSentNanos, c.lastKeepAliveNanos));
        if (nowNanos - idleSince < intervalNanos) {
            return Action.NONE;
        }
        return c.outstanding.size() >= missLimit ? Action.TIMED_OUT : Action.SEND;
    }

    /** Registers a new request on the socket; the caller sends {@link ServerMessages#keepAlive}. */
    KeepAliveRecord request(Connection c, long nowNanos) {
        long ts = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        lastTimestamp = ts;
        KeepAliveRecord r = new KeepAliveRecord(c.role, c.urlKey, ts, Instant.now());
        c.outstanding.add(r);
        c.lastKeepAliveNanos = nowNanos;
        return r;
    }

    /**
     * Matches an answer (msg 13) to an outstanding request of its socket.
     *
     * @return {@code null} when it matched, else the violation it is
     */
    Violation.Kind answer(Connection c, long timestamp, Iterable<Connection> all, StringBuilder detail) {
        for (KeepAliveRecord r : c.outstanding) {
            if (r.timestamp == timestamp) {
                r.answeredAt = Instant.now();
                c.outstanding.remove(r);
                return null;
            }
        }
        for (Connection other : all) {
            if (other != c && other.outstanding.stream().anyMatch(r -> r.timestamp == timestamp)) {
                detail.append("msg 13 answers a keep-alive sent on ").append(other.describe());
                return Violation.Kind.KEEP_ALIVE_WRONG_SOCKET;
            }
        }
        detail.append("msg 13 timestamp ").append(timestamp).append(" matches no outstanding msg 12 of this socket");
        return Violation.Kind.KEEP_ALIVE_ECHO_MISMATCH;
    }
}
