package io.camelrtms.protocol;

/** RTMS {@code msg_type} values (docs/protocol.md#message-types). */
public enum MessageType implements WireCode {
    UNDEFINED(0),
    SIGNALING_HAND_SHAKE_REQ(1),
    SIGNALING_HAND_SHAKE_RESP(2),
    DATA_HAND_SHAKE_REQ(3),
    DATA_HAND_SHAKE_RESP(4),
    EVENT_SUBSCRIPTION(5),
    EVENT_UPDATE(6),
    CLIENT_READY_ACK(7),
    STREAM_STATE_UPDATE(8),
    SESSION_STATE_UPDATE(9),
    SESSION_STATE_REQ(10),
    SESSION_STATE_RESP(11),
    KEEP_ALIVE_REQ(12),
    KEEP_ALIVE_RESP(13),
    MEDIA_DATA_AUDIO(14),
    MEDIA_DATA_VIDEO(15),
    MEDIA_DATA_SHARE(16),
    MEDIA_DATA_TRANSCRIPT(17),
    MEDIA_DATA_CHAT(18),
    STREAM_STATE_REQ(19),
    STREAM_STATE_RESP(20),
    STREAM_CLOSE_REQ(21),
    STREAM_CLOSE_RESP(22),
    META_DATA_AUDIO(23),
    META_DATA_VIDEO(24),
    META_DATA_SHARE(25),
    META_DATA_TRANSCRIPT(26),
    META_DATA_CHAT(27),
    VIDEO_SUBSCRIPTION_REQ(28),
    VIDEO_SUBSCRIPTION_RESP(29);

    private static final MessageType[] BY_CODE = values();

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The type for a wire code, or {@code null} when this version does not know it. */
    public static MessageType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
