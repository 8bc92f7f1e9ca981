package io.camelrtms.client;

import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/**
 * When anything last arrived on any of a stream's sockets, and the watch for silence. Zoom stops its
 * keep-alives while data flows (docs/protocol.md#keep-alives), so only silence on every socket for
 * the whole inactivity timeout means the connection is dead. Used only on the session's event loop.
 */
final class InactivityWatch {

    private final Vertx vertx;
    private final long timeoutMillis;
    private long lastInboundAt;
    private long timer = -1;

    InactivityWatch(Vertx vertx, long timeoutMillis) {
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
    }

    /** Something arrived (or the wait starts afresh) now; returns now. */
    long heard() {
        lastInboundAt = System.currentTimeMillis();
        return lastInboundAt;
    }

    /** How long nothing has arrived. */
    long silentFor() {
        return System.currentTimeMillis() - lastInboundAt;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Checks a few times per timeout, while {@code watching} says so, whether the timeout has passed in
     * silence, and runs {@code onSilence} each time it has. Does nothing if already started or disabled.
     */
    void start(BooleanSupplier watching, Runnable onSilence) {
        if (timeoutMillis <= 0 || timer >= 0) {
            return;
        }
        long period = Math.max(50, timeoutMillis / 4);
        timer = vertx.setPeriodic(period, t -> {
            if (watching.getAsBoolean() && silentFor() > timeoutMillis) {
                onSilence.run();
            }
        });
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
