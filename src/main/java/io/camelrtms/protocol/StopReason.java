package io.camelrtms.protocol;

/**
 * RTMS_STOP_REASON (docs/protocol.md#stop-reasons), carried by the webhook {@code stop_reason}, msg 8 {@code reason} and
 * msg 9 {@code stop_reason}. Codes this version does not know are kept as numbers by callers.
 */
public enum StopReason implements WireCode {
    UNDEFINED(0),
    HOST_TRIGGERED(1),
    USER_TRIGGERED(2),
    USER_LEFT(3),
    USER_EJECTED(4),
    HOST_DISABLED_APP(5),
    MEETING_ENDED(6),
    STREAM_CANCELED(7),
    /** Zoom asks that data already stored for the stream be deleted. */
    STREAM_REVOKED(8),
    ALL_APPS_DISABLED(9),
    INTERNAL_EXCEPTION(10),
    CONNECTION_TIMEOUT(11),
    INSTANCE_CONNECTION_INTERRUPTED(12),
    SIGNAL_CONNECTION_INTERRUPTED(13),
    DATA_CONNECTION_INTERRUPTED(14),
    SIGNAL_CONNECTION_CLOSED_ABNORMALLY(15),
    DATA_CONNECTION_CLOSED_ABNORMALLY(16),
    EXIT_SIGNAL(17),
    AUTHENTICATION_FAILURE(18),
    AWAIT_RECONNECTION_TIMEOUT(19),
    RECEIVER_REQUEST_CLOSE(20),
    CUSTOMER_DISCONNECTED(21),
    AGENT_DISCONNECTED(22),
    ADMIN_DISABLED_APP(23),
    KEEP_ALIVE_TIMEOUT(24),
    MANUAL_API_TRIGGERED(25),
    STREAMING_NOT_SUPPORTED(26);

    private final int code;

    StopReason(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static StopReason of(int code) {
        return WireCode.byCode(StopReason.class, code);
    }

    /** The name of a code, or {@code UNKNOWN_<code>} so a log line always says something. */
    public static String nameOf(int code) {
        StopReason r = of(code);
        return r != null ? r.name() : "UNKNOWN_" + code;
    }
}
