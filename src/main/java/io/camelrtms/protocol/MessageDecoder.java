package io.camelrtms.protocol;

/**
 * Turns the frames of one wire format into {@link RtmsMessage}s: the one seam between the bytes
 * Zoom sends and everything above the protocol package. Today's format is JSON
 * ({@link RtmsMessageParser}); the November 2026 release announces a Protobuf format whose schema was
 * not published, and it would be a second implementation of this interface, chosen by the client
 * when it connects, with the component and the routes unchanged. Implementations are thread-safe.
 */
public interface MessageDecoder {

    /** Decodes one whole message from {@code bytes[offset, offset + length)}; the array is not kept. */
    RtmsMessage parse(byte[] bytes, int offset, int length) throws MalformedMessageException;

    default RtmsMessage parse(byte[] bytes) throws MalformedMessageException {
        return parse(bytes, 0, bytes.length);
    }

    /** Decodes one whole message that arrived as a text frame. */
    RtmsMessage parse(String text) throws MalformedMessageException;
}
