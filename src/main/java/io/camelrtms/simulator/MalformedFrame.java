package io.camelrtms.simulator;

/**
 * Broken frames the simulator can send on purpose, to check that a client logs and skips them, and
 * frames of a later release (unknown types), which a client should hand on rather than drop.
 */
public enum MalformedFrame {
    /** Text that is not JSON at all. */
    INVALID_JSON,
    /** Valid JSON that is not an object. */
    NOT_AN_OBJECT,
    /** An object whose msg_type is a string. */
    MSG_TYPE_NOT_INTEGER,
    /** An audio message whose data is not base64. */
    BAD_BASE64,
    /** A message type no RTMS version defines (msg_type 99). */
    UNKNOWN_MSG_TYPE,
    /** An event (msg 6) of a type no RTMS version defines (event_type 99), with a field {@code future_field}. */
    UNKNOWN_EVENT_TYPE,
    /**
     * A known message with a field no RTMS version defines ({@code future_field}): on a media socket an
     * audio message (three zero bytes), on signaling a stream state update (ACTIVE).
     */
    UNKNOWN_FIELDS,
    /** An audio message without its content object. */
    MISSING_CONTENT,
    /** A binary frame that is not UTF-8 JSON. */
    BINARY_GARBAGE
}
