package io.camelrtms.zoomapi;

/**
 * A call to Zoom did not succeed. The message and fields carry what Zoom said (its HTTP status, its
 * error code and message) and never a credential or token, so they may be logged and shown to callers.
 */
public class ZoomApiException extends Exception {

    /** Why the call did not succeed. */
    public enum Reason {
        /** The credentials this call needs are not configured; nothing was sent. */
        NOT_CONFIGURED,
        /** Zoom's OAuth endpoint refused to issue an access token. */
        TOKEN_REFUSED,
        /** The API answered with an error status. */
        REFUSED,
        /** Zoom could not be reached, or answered with something unreadable. */
        UNREACHABLE,
        /** Zoom did not answer in time. */
        TIMEOUT
    }

    private final Reason reason;
    private final int zoomStatus;
    private final Integer zoomCode;
    private final String zoomMessage;

    public ZoomApiException(Reason reason, String message, int zoomStatus, Integer zoomCode, String zoomMessage) {
        super(message);
        this.reason = reason;
        this.zoomStatus = zoomStatus;
        this.zoomCode = zoomCode;
        this.zoomMessage = zoomMessage;
    }

    public ZoomApiException(Reason reason, String message) {
        this(reason, message, 0, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** Zoom's HTTP status, or 0 when Zoom gave none. */
    public int zoomStatus() {
        return zoomStatus;
    }

    /** Zoom's numeric error code from the body ({@code code}), or null. */
    public Integer zoomCode() {
        return zoomCode;
    }

    /** Zoom's error text from the body ({@code message}, or {@code reason} of the OAuth endpoint), or null. */
    public String zoomMessage() {
        return zoomMessage;
    }
}
