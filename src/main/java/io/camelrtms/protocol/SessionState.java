package io.camelrtms.protocol;

/** Session states of SESSION_STATE_UPDATE (msg 9) (docs/protocol.md#stream-and-session-states). */
public enum SessionState implements WireCode {
    INACTIVE(0), INITIALIZE(1), STARTED(2), PAUSED(3), RESUMED(4), STOPPED(5);

    private final int code;

    SessionState(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static SessionState of(int code) {
        return WireCode.byCode(SessionState.class, code);
    }
}
