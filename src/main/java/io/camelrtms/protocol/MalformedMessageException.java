package io.camelrtms.protocol;

/** A frame that is not a valid RTMS message. The client logs it and skips it; the socket stays up. */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
