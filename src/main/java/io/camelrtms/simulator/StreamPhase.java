package io.camelrtms.simulator;

/** Where a simulated stream is in its life, as the simulator sees it. */
public enum StreamPhase {
    /** Created; no signaling handshake has succeeded yet. */
    WAITING,
    /** Signaling handshake done; no media socket has been made ready with msg 7 yet. */
    SIGNALING,
    /** The timeline is playing: at least one media socket got its msg 7. */
    STREAMING,
    /** The signaling connection was lost (or dropped by a fault); waiting for the client to come back. */
    INTERRUPTED,
    /** Over: msg 8 state 4 sent, sockets closed, no new connection accepted. */
    ENDED
}
