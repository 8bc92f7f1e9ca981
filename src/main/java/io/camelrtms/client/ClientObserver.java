package io.camelrtms.client;

/** Hears about protocol-level happenings of every stream of a client, for metrics. Called on event loops: be quick. */
public interface ClientObserver {

    ClientObserver NONE = new ClientObserver() { };

    /** A signaling or media handshake was refused ({@code status}) or unanswered (-1). */
    default void handshakeFailed(int status) {
    }

    default void keepAliveAnswered() {
    }

    default void malformedFrame() {
    }

    /** A connection failed in its TLS handshake: an untrusted, expired or misnamed certificate, or no common protocol. */
    default void tlsFailed() {
    }
}
