package io.camelrtms.client;

import io.camelrtms.protocol.MediaParams;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stream's media sockets as a whole: the set opened after each signaling handshake, the media
 * params they confirmed together, holding bulk media back for the route (back-pressure) and reading
 * every socket to the end when the stream ends. What happens on one socket is its
 * {@link MediaConnection}'s job; when to open, reconnect or give up is the {@link StreamSession}'s.
 * Used only on the session's event loop, except {@link #negotiated()}.
 */
final class MediaSockets {

    /** How often a draining stream checks whether its media sockets are done. */
    private static final long DRAIN_CHECK_MILLIS = 50;
    /** A media socket that carried data this recently is busy: back-pressure pauses it. */
    private static final long BUSY_SOCKET_MILLIS = 1_000;

    private final Vertx vertx;
    private final Map<String, MediaConnection> sockets = new LinkedHashMap<>();
    private volatile MediaParams negotiated;
    /** Between {@link #holdBack} and {@link #release}: the listener wants bulk media held back. */
    private boolean heldBack;
    /** True while a frame that pausing could not hold back is handed over (see {@link #handingOverUnpausable()}). */
    private boolean handingOverUnpausable;
    private long drainTimer = -1;

    MediaSockets(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The sockets of a new signaling session, in place of the earlier ones. */
    void replaceWith(List<MediaConnection> connections) {
        sockets.clear();
        connections.forEach(mc -> sockets.put(mc.key, mc));
    }

    boolean isEmpty() {
        return sockets.isEmpty();
    }

    int size() {
        return sockets.size();
    }

    Set<String> keys() {
        return sockets.keySet();
    }

    Collection<MediaConnection> all() {
        return sockets.values();
    }

    /** Whether {@code mc} is still one of the sockets, not replaced by a later handshake. */
    boolean isCurrent(MediaConnection mc) {
        return sockets.get(mc.key) == mc;
    }

    boolean allReady() {
        return sockets.values().stream().allMatch(MediaConnection::isReady);
    }

    /** Whether any socket is open or has closed but may still hand over what it buffered. */
    boolean anyHasSocket() {
        return sockets.values().stream().anyMatch(MediaConnection::hasSocket);
    }

    // ---------------------------------------------------------------- negotiated params

    /** The media params the server confirmed, merged over every media connection; null before the first. */
    MediaParams negotiated() {
        return negotiated;
    }

    /** One socket's handshake confirmed {@code p}: it takes the place of what it names, the rest stays. */
    void confirmed(MediaParams p) {
        MediaParams n = negotiated;
        negotiated = n == null ? p : new MediaParams(
                p.audio() != null ? p.audio() : n.audio(),
                p.video() != null ? p.video() : n.video(),
                p.deskshare() != null ? p.deskshare() : n.deskshare(),
                p.transcript() != null ? p.transcript() : n.transcript(),
                p.chat() != null ? p.chat() : n.chat());
    }

    // ---------------------------------------------------------------- back-pressure

    /**
     * The listener wants bulk media held back: pause the sockets busy carrying it, if sockets may be
     * paused now; sockets that become busy later are paused after their first frame.
     */
    void holdBack(boolean mayPause) {
        heldBack = true;
        if (!mayPause) {
            return;
        }
        long busySince = System.currentTimeMillis() - BUSY_SOCKET_MILLIS;
        sockets.values().forEach(m -> m.pauseIfBusy(busySince));
    }

    void release() {
        heldBack = false;
        sockets.values().forEach(MediaConnection::resume);
    }

    /** Whether the frame being handed over came where pausing could not hold it back. */
    boolean handingOverUnpausable() {
        return handingOverUnpausable;
    }

    /**
     * Hands over one data frame of {@code mc} through {@code deliver}; a socket that read past the
     * pause (opened or idle since) is paused right after it.
     */
    void handOver(MediaConnection mc, boolean mayPause, Runnable deliver) {
        boolean slippedThrough = heldBack && mc.readsPastPause() && mayPause;
        handingOverUnpausable = mc.isClosedButHeld() || slippedThrough;
        try {
            deliver.run();
        } finally {
            handingOverUnpausable = false;
        }
        if (slippedThrough && heldBack) {
            mc.pauseAfterSlip();
        }
    }

    // ---------------------------------------------------------------- ending

    /**
     * Signaling is gone: streaming sockets stay open, unpaused and read until the reconnect replaces
     * them (back-pressure may have left frames in them that Zoom counts as delivered, and Zoom closes
     * them itself when it has lost the stream); the others are given up.
     */
    void keepStreamingOnesReadable() {
        for (MediaConnection mc : sockets.values()) {
            mc.cancelRetry();
            if (mc.isReady() && mc.hasSocket()) {
                mc.resume();
            } else {
                mc.abandon();
            }
        }
    }

    void closeButKeepReading() {
        sockets.values().forEach(MediaConnection::closeButKeepReading);
    }

    void shutDown() {
        sockets.values().forEach(MediaConnection::shutDown);
    }

    /**
     * Reads every socket until all are closed and have gone quiet, or until nothing has arrived for
     * {@code closeTimeoutMillis}, then runs {@code then} on the event loop. Whatever the route's pace:
     * what is still unread is bounded by what Zoom had sent, and a socket left paused would drop it
     * when it closes.
     */
    void drain(InactivityWatch inactivity, long closeTimeoutMillis, Runnable then) {
        stopDraining();
        sockets.values().forEach(m -> {
            m.cancelRetry();
            m.resume();
        });
        inactivity.heard();
        drainTimer = vertx.setPeriodic(DRAIN_CHECK_MILLIS, t -> {
            boolean open = sockets.values().stream().anyMatch(MediaConnection::isOpen);
            long silent = inactivity.silentFor();
            // a closed socket may still hand over frames it had read while paused: wait for a short lull too
            if ((!open && silent > DRAIN_CHECK_MILLIS) || silent > closeTimeoutMillis) {
                vertx.cancelTimer(t);
                drainTimer = -1;
                then.run();
            }
        });
    }

    /** Stops an earlier drain without running what was to follow it. */
    void stopDraining() {
        if (drainTimer >= 0) {
            vertx.cancelTimer(drainTimer);
            drainTimer = -1;
        }
    }
}
