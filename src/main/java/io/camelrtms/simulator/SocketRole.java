package io.camelrtms.simulator;

/** Which kind of socket a message or keep-alive travelled on. */
public enum SocketRole {
    /** The one signaling WebSocket of a stream (msg 1/2, 5–13, 19–22, 28/29). */
    SIGNALING,
    /** A media WebSocket (msg 3/4, 12/13, 14–18). */
    MEDIA
}
