package io.camelrtms.simulator;

import java.time.Instant;

/**
 * A protocol violation by the client, as a strict Zoom would see it. Tests of a well-behaved client
 * assert that a stream records none.
 *
 * @param kind   what was wrong
 * @param role   the socket it happened on
 * @param urlKey the media URL key, or {@code null} for signaling
 * @param detail a human-readable explanation (never a secret or a signature)
 * @param at     when it was seen
 */
public record Violation(Kind kind, SocketRole role, String urlKey, String detail, Instant at) {

    /** The kinds of client misbehaviour the simulator detects. */
    public enum Kind {
        /** A handshake carried a missing or wrong signature. */
        INVALID_SIGNATURE,
        /** A handshake lacked the stream id or entity id, or named another stream. */
        INVALID_HANDSHAKE,
        /** A second signaling handshake while one signaling connection is alive. */
        DUPLICATE_SIGNALING,
        /**
         * The stream was joined by two live clients at once: a connection replaced by a newer client's
         * signaling connection still answered or sent something (only with
         * {@link SimulatorConfig#acceptConcurrentSignaling()}; otherwise the second connection is
         * refused as {@link #DUPLICATE_SIGNALING}).
         */
        CONCURRENT_SIGNALING,
        /** A media handshake before the signaling handshake succeeded. */
        MEDIA_BEFORE_SIGNALING,
        /** A media handshake was refused: bad media_type, media params, duplicate or mixed connections. */
        INVALID_MEDIA_HANDSHAKE,
        /** msg 7 arrived on a media socket (Zoom sends no data then). */
        READY_ACK_ON_MEDIA_SOCKET,
        /** msg 7 without a media handshake waiting for it, or naming another stream. */
        UNEXPECTED_READY_ACK,
        /** msg 13 whose timestamp matches no outstanding msg 12 of that socket. */
        KEEP_ALIVE_ECHO_MISMATCH,
        /** msg 13 answering a msg 12 that was sent on another socket. */
        KEEP_ALIVE_WRONG_SOCKET,
        /** A frame that is not a JSON object with an integer msg_type, or a malformed request body. */
        MALFORMED_MESSAGE,
        /** A message type the client must not send on that socket, or before its handshake. */
        UNEXPECTED_MESSAGE,
        /** msg 28 subscribing to more individual videos than the stream may hold at once. */
        VIDEO_SUBSCRIPTION_LIMIT
    }
}
