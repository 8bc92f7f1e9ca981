package io.camelrtms.protocol;

/** Stream states of STREAM_STATE_UPDATE (msg 8) and STREAM_STATE_RESP (docs/protocol.md#stream-and-session-states). */
public enum StreamState implements WireCode {
    INACTIVE(0), ACTIVE(1), INTERRUPTED(2), TERMINATING(3), TERMINATED(4), PAUSED(5), RESUMED(6);

    private final int code;

    StreamState(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static StreamState of(int code) {
        return WireCode.byCode(StreamState.class, code);
    }
}
