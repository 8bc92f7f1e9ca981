package io.camelrtms.client;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection state of one stream, and the only transitions allowed between states
 * (docs/protocol.md#client-state-machine). {@link StreamSession} refuses any other transition, so a bug shows up as
 * an exception in the log instead of a stream silently stuck half-connected.
 */
public enum SessionPhase {
    IDLE,
    /** Opening the signaling socket. */
    CONNECTING_SIGNALING,
    /** msg 1 sent, waiting for msg 2. */
    SIGNALING_HANDSHAKE,
    /** Signaling ready; opening media sockets or reconnecting one of them. */
    CONNECTING_MEDIA,
    /** Signaling and every media socket ready. */
    STREAMING,
    /**
     * Signaling lost, waiting for the backoff delay before a full reconnect; media sockets that were
     * streaming are still read (never paused) until the reconnect replaces them.
     */
    RECONNECT_WAIT,
    /** msg 21 sent, waiting for the server to close. */
    CLOSING,
    /** The stream ended; reading what the media sockets still hold before reporting STOPPED. */
    DRAINING,
    STOPPED,
    FAILED;

    private static final Map<SessionPhase, Set<SessionPhase>> NEXT = new EnumMap<>(SessionPhase.class);

    static {
        Set<SessionPhase> ends = EnumSet.of(STOPPED, FAILED);
        allow(IDLE, CONNECTING_SIGNALING);
        allow(CONNECTING_SIGNALING, SIGNALING_HANDSHAKE, RECONNECT_WAIT, CONNECTING_SIGNALING);
        allow(SIGNALING_HANDSHAKE, CONNECTING_MEDIA, RECONNECT_WAIT, CONNECTING_SIGNALING, CLOSING);
        allow(CONNECTING_MEDIA, STREAMING, RECONNECT_WAIT, CONNECTING_SIGNALING, CLOSING);
        allow(STREAMING, CONNECTING_MEDIA, RECONNECT_WAIT, CONNECTING_SIGNALING, CLOSING);
        allow(RECONNECT_WAIT, CONNECTING_SIGNALING);
        allow(CLOSING, DRAINING);
        allow(DRAINING);
        allow(STOPPED);
        allow(FAILED);
        for (SessionPhase p : values()) {
            if (!p.isTerminal()) {
                NEXT.get(p).addAll(ends);
                if (p != DRAINING) {
                    NEXT.get(p).add(DRAINING);
                }
            }
        }
    }

    private static void allow(SessionPhase from, SessionPhase... to) {
        Set<SessionPhase> set = EnumSet.noneOf(SessionPhase.class);
        set.addAll(List.of(to));
        NEXT.put(from, set);
    }

    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }

    public boolean canMoveTo(SessionPhase next) {
        return NEXT.get(this).contains(next);
    }
}
