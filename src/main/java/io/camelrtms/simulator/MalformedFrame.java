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
    BINARY_GARBAGE;

    private static final byte[] GARBAGE = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01, 0x7B};

    /** The bytes of {@link #BINARY_GARBAGE}. */
    static byte[] garbage() {
        return GARBAGE.clone();
    }

    /**
     * The text of this frame on a socket of {@code role} of stream {@code streamId}, stamped {@code now}
     * (timeline ms); {@link #BINARY_GARBAGE} has bytes instead, see {@link #garbage()}.
     */
    String text(SocketRole role, String streamId, long now) {
        return switch (this) {
            case INVALID_JSON -> "{\"msg_type\":14,\"content\":{\"user_id\":0,\"data\":\"AAAA\"";
            case NOT_AN_OBJECT -> "[14,\"not an object\"]";
            case MSG_TYPE_NOT_INTEGER -> "{\"msg_type\":\"14\",\"content\":{\"user_id\":0,\"data\":\"AAAA\",\"timestamp\":" + now + "}}";
            case BAD_BASE64 -> "{\"msg_type\":14,\"content\":{\"user_id\":0,\"user_name\":\"\",\"data\":\"%%not*base64%%\",\"timestamp\":" + now + "}}";
            case UNKNOWN_MSG_TYPE -> "{\"msg_type\":99,\"rtms_stream_id\":\"" + streamId + "\",\"timestamp\":" + now + "}";
            case UNKNOWN_FIELDS -> role == SocketRole.SIGNALING
                    ? "{\"msg_type\":8,\"state\":1,\"reason\":0,\"timestamp\":" + now + ",\"future_field\":\"kept\"}"
                    : "{\"msg_type\":14,\"content\":{\"user_id\":0,\"user_name\":\"\",\"data\":\"AAAA\",\"timestamp\":" + now
                            + ",\"future_field\":\"kept\"}}";
            case UNKNOWN_EVENT_TYPE -> "{\"msg_type\":6,\"event\":{\"event_type\":99,\"timestamp\":" + now
                    + ",\"future_field\":\"kept\"}}";
            case MISSING_CONTENT -> "{\"msg_type\":14,\"timestamp\":" + now + "}";
            case BINARY_GARBAGE -> throw new IllegalStateException("BINARY_GARBAGE is bytes, not text");
        };
    }
}
