package io.camelrtms.client;

/** The lifecycle changes of a stream, in the order they can happen. */
public enum Lifecycle {
    /** The start webhook arrived; connecting begins. */
    STARTED,
    /** Signaling and every media connection are ready for the first time; media flows. */
    CONNECTED,
    /** A connection was lost or Zoom signalled an interruption; reconnecting. */
    INTERRUPTED,
    /** Every connection is ready again after an interruption. */
    RECONNECTED,
    /** The stream ended (Zoom stopped it, or the client closed it deliberately). */
    STOPPED,
    /** The client gave up: refused handshakes, reconnect window elapsed, or a configuration error. */
    FAILED;

    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
