package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.SessionState;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Fault injection for one stream: the failures Zoom's failover guide describes, plus refusals and
 * broken frames. Every method acts on the stream's context and returns once the fault has been
 * applied (methods returning a value must not be called on a Vert.x event loop). Reconnect windows ({@link SimulatorConfig.Builder#signalingReconnectWindowMillis},
 * {@link SimulatorConfig.Builder#mediaReconnectWindowMillis}) decide how long the stream waits
 * for the client to come back before it ends with stop reason 19 (AWAIT_RECONNECTION_TIMEOUT).
 */
public final class Faults {

    private final StreamEngine engine;

    Faults(StreamEngine engine) {
        this.engine = engine;
    }

    /**
     * Drops the media socket that carries {@code kind} like a failing media server: the socket is
     * closed (code 1011), and the still-open signaling socket gets EVENT_UPDATE type 7
     * (MEDIA_CONNECTION_INTERRUPTED, when subscribed) and STREAM_STATE_UPDATE state 2 reason 14.
     *
     * @return whether such a socket was open
     */
    public boolean dropMediaSocket(MediaKind kind) {
        return engine.call(() -> engine.dropMedia(kind));
    }

    /**
     * Drops media sockets by URL key: {@code "all"} drops every media socket, any other key
     * ({@code audio}, {@code sharescreen}, …) the socket opened on that URL.
     *
     * @return how many sockets were dropped
     */
    public int dropMediaSocket(String urlKeyOrAll) {
        return engine.call(() -> engine.dropMedia(urlKeyOrAll));
    }

    /**
     * Ends the stream like {@link SimulatedStream#stop}, but closes the media sockets first and sends
     * msg 8 on signaling {@code mediaLeadMillis} later: Zoom's media close can overtake msg 8, and a
     * client must still hand over everything the media sockets carried.
     */
    public void endWithMediaClosedFirst(StopReason reason, long mediaLeadMillis) {
        engine.apply(() -> engine.end(reason.code(), mediaLeadMillis));
    }

    /**
     * Drops the signaling connection: the server cuts signaling and every media socket, posts
     * {@code *_interrupted} (when a webhook is configured) and waits for a full re-handshake to
     * the same URL.
     *
     * @return whether a signaling socket was open
     */
    public boolean dropSignaling() {
        return engine.call(engine::dropSignaling);
    }

    /**
     * RTMS server failover: all sockets are cut, the stream moves to a new signaling URL (the old
     * one answers 404), and a new {@code *_started} for the same stream id carrying the new URL is
     * posted when a webhook is configured.
     *
     * @return the new signaling URL
     */
    public String failover() {
        return engine.call(engine::failover);
    }

    /** Posts the last {@code *_started} envelope again unchanged, like a Zoom webhook retry. */
    public void repeatStartedWebhook() {
        engine.apply(engine::repeatStarted);
    }

    /** Answers the next {@code n} handshakes (signaling or media) with "invalid signature", whatever they carry. */
    public Faults rejectSignature(int n) {
        engine.apply(() -> engine.rejectSignatures = n);
        return this;
    }

    /**
     * Answers the next {@code n} signaling handshakes with "duplicate signal request", as Zoom
     * does when the webhook arrives before its server is ready or an old connection lingers.
     */
    public Faults rejectDuplicate(int n) {
        engine.apply(() -> engine.rejectDuplicates = n);
        return this;
    }

    /** Delays every following handshake answer (msg 2 and msg 4) by this much; zero turns it off. */
    public Faults delayHandshake(Duration delay) {
        engine.apply(() -> engine.handshakeDelayMillis = delay.toMillis());
        return this;
    }

    /**
     * Sends a broken frame on the signaling socket or on the first open media socket.
     *
     * @return the frame exactly as sent (for {@link MalformedFrame#BINARY_GARBAGE}, its bytes in hex)
     * @throws IllegalStateException when no such socket is open
     */
    public String sendMalformed(MalformedFrame frame, SocketRole role) {
        return engine.call(() -> malformed(frame, role));
    }

    /** Sends STREAM_STATE_UPDATE (msg 8) with this state and reason, without changing the stream. */
    public void sendStreamState(StreamState state, StopReason reason) {
        engine.apply(() -> sendOnSignaling(ServerMessages.streamState(engine.streamId(), state.code(), reason.code(),
                engine.timelineNow())));
    }

    /** Sends SESSION_STATE_UPDATE (msg 9) with this state and stop reason, without changing the stream. */
    public void sendSessionState(SessionState state, StopReason reason) {
        engine.apply(() -> sendOnSignaling(ServerMessages.sessionState(engine.streamId() + "-session", state.code(), reason.code(),
                engine.timelineNow())));
    }

    /** On the context: sends the frame on the signaling socket or the first open media socket past its handshake. */
    private String malformed(MalformedFrame frame, SocketRole role) {
        StreamSockets sockets = engine.sockets();
        Connection c;
        if (role == SocketRole.SIGNALING) {
            c = sockets.openSignaling();
        } else {
            List<Connection> handshaken = sockets.handshakenMedia();
            c = handshaken.isEmpty() ? null : handshaken.get(0);
        }
        if (c == null) {
            throw new IllegalStateException("no open " + role + " socket to send a malformed frame on");
        }
        if (frame == MalformedFrame.BINARY_GARBAGE) {
            byte[] garbage = MalformedFrame.garbage();
            c.ws.writeBinaryMessage(Buffer.buffer(garbage));
            return HexFormat.of().formatHex(garbage);
        }
        String text = frame.text(role, engine.streamId(), engine.timelineNow());
        c.send(text, true);
        return text;
    }

    /** On the context: sends {@code message} on the signaling socket, if it is open. */
    private void sendOnSignaling(String message) {
        Connection signaling = engine.sockets().openSignaling();
        if (signaling != null) {
            signaling.send(message, true);
        }
    }
}
