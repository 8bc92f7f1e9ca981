package io.camelrtms.media;

/** A payload that cannot be decoded: corrupt, truncated, or in a codec this decoder does not speak. */
public class AudioDecodeException extends RuntimeException {

    public AudioDecodeException(String message) {
        super(message);
    }

    public AudioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
