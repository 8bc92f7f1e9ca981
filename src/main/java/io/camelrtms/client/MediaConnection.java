package io.camelrtms.client;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One media socket of a stream and what happens on it: connecting, the handshake timer, putting
 * fragmented messages together, pausing for back-pressure, and closing without losing what the
 * socket still buffers. Its {@link StreamSession} decides when to connect, reconnect or give up;
 * this class reports what the socket did through {@link Events}, and only for the socket it holds
 * now: every (re)connect starts a new generation, and the callbacks of an older socket are ignored.
 * Used only on the session's event loop.
 */
final class MediaConnection {

    enum State { CONNECTING, HANDSHAKE, READY, WAITING, CLOSED }

    /** What a media connection tells its session. Called on the event loop, for the current socket only. */
    interface Events {
        /** Whether a socket that has just connected is still wanted: the session may have moved on meanwhile. */
        boolean stillWanted(MediaConnection mc);

        void onConnectFailed(MediaConnection mc, Throwable cause);

        /** The socket is open and read: time to send the handshake. */
        void onOpen(MediaConnection mc);

        /** One whole message, as the UTF-8 bytes it arrived in (the array may be the frame's own). */
        void onMessage(MediaConnection mc, byte[] utf8, int offset, int length);

        /**
         * The socket closed. If back-pressure had paused it, it has been resumed: what it buffered is
         * still handed over, on later turns of the event loop.
         */
        void onClosed(MediaConnection mc, Short closeCode);
    }

    /** The {@code server_urls} key this connection uses, e.g. {@code audio} or {@code all}. */
    final String key;
    final Set<MediaKind> kinds;
    final int mediaTypeMask;
    final MediaParams requested;
    private final String url;
    private final RtmsClient client;
    private final Vertx vertx;
    private final StreamLog log;
    private final Events events;
    private final Backoff backoff;

    private State state = State.CLOSED;
    private WebSocket socket;
    /** Bumped on every (re)connect and abandon so callbacks of an older socket are ignored. */
    private int epoch;
    private long handshakeTimer = -1;
    private long retryTimer = -1;
    private int refusals;
    /** When this connection was lost, for the reconnect window; 0 while it is fine. */
    private long lostAt;
    /** When a data message last arrived on this socket. */
    private long lastDataAt;
    /** Paused by back-pressure. */
    private boolean paused;
    /** The fragments of a message split over several WebSocket frames, until its final frame; else {@code null}. */
    private ByteArrayOutputStream fragments;

    MediaConnection(String key, String url, Set<MediaKind> kinds, int mediaTypeMask, MediaParams requested,
                    RtmsClient client, Vertx vertx, StreamLog log, Backoff backoff, Events events) {
        this.key = key;
        this.url = url;
        this.kinds = kinds;
        this.mediaTypeMask = mediaTypeMask;
        this.requested = requested;
        this.client = client;
        this.vertx = vertx;
        this.log = log;
        this.backoff = backoff;
        this.events = events;
    }

    // ---------------------------------------------------------------- connecting and the handshake

    /** Opens a new socket in place of the current one, which is closed and whose callbacks are ignored from now on. */
    void connect(long timeoutMillis) {
        closeSocket();
        fragments = null;
        state = State.CONNECTING;
        int e = ++epoch;
        client.connect(url, timeoutMillis).onComplete(ar -> {
            if (e != epoch || !events.stillWanted(this)) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                events.onConnectFailed(this, ar.cause());
                return;
            }
            WebSocket ws = ar.result();
            socket = ws;
            // Frames, not Vert.x's message handlers: a text message would be decoded into a String only for
            // the parser to encode it again; the parser reads the frame's UTF-8 bytes as they arrived.
            ws.frameHandler(frame -> onFrame(e, frame));
            ws.closeHandler(x -> onClose(e, ws));
            ws.exceptionHandler(err -> log.debug("RTMS stream {} media socket {} error: {}", log.streamId(), key, err.toString()));
            events.onOpen(this);
        });
    }

    /**
     * Sends the handshake request (msg 3) and gives the server {@code timeoutMillis} to answer it;
     * without an answer by then, and on the same socket, {@code onTimeout} runs.
     */
    void sendHandshake(String request, long timeoutMillis, Runnable onTimeout) {
        state = State.HANDSHAKE;
        socket.writeTextMessage(request);
        int e = epoch;
        handshakeTimer = vertx.setTimer(timeoutMillis, t -> {
            if (e == epoch && state == State.HANDSHAKE) {
                onTimeout.run();
            }
        });
    }

    /** The media server's URL (its query may carry tokens: log only its host). */
    String url() {
        return url;
    }

    /** A handshake answer arrived: {@code false} if none was awaited; else the timer stops. */
    boolean takeHandshakeAnswer() {
        if (state != State.HANDSHAKE) {
            return false;
        }
        cancelTimer(handshakeTimer);
        handshakeTimer = -1;
        return true;
    }

    /** The handshake succeeded: the refusal count, the reconnect window and the backoff start over. */
    void ready() {
        refusals = 0;
        lostAt = 0;
        backoff.reset();
        state = State.READY;
    }

    /** Counts a refused handshake and returns how many in a row. */
    int countRefusal() {
        return ++refusals;
    }

    /** How long this connection has been lost at {@code now}, starting the count if it had not. */
    long lostFor(long now) {
        if (lostAt == 0) {
            lostAt = now;
        }
        return now - lostAt;
    }

    /** Reconnects after the next backoff delay, unless {@code stillWanted} says no by then. */
    void retryLater(BooleanSupplier stillWanted, long connectTimeoutMillis) {
        state = State.WAITING;
        cancelTimer(retryTimer);
        retryTimer = vertx.setTimer(backoff.nextDelay(), t -> {
            retryTimer = -1;
            if (state == State.WAITING && stillWanted.getAsBoolean()) {
                connect(connectTimeoutMillis);
            }
        });
    }

    void cancelRetry() {
        cancelTimer(retryTimer);
        retryTimer = -1;
    }

    /** Runs {@code action} after {@code delayMillis} unless this connection has moved to another socket by then. */
    void unlessReplaced(long delayMillis, Runnable action) {
        int e = epoch;
        vertx.setTimer(delayMillis, t -> {
            if (e == epoch) {
                action.run();
            }
        });
    }

    // ---------------------------------------------------------------- reading

    /**
     * A text, binary or continuation frame (Vert.x answers pings and handles the close itself). A
     * whole message in one frame, the usual case, is handed on straight from the frame's bytes; a
     * fragmented one is put together first, up to the largest message size.
     */
    private void onFrame(int e, WebSocketFrame frame) {
        if (e != epoch || (!frame.isText() && !frame.isBinary() && !frame.isContinuation())) {
            return;
        }
        ByteBuf buf = frame.binaryData().getByteBuf();
        if (frame.isFinal() && fragments == null) {
            if (frame.isContinuation()) {
                return; // a continuation of nothing: protocol noise, nothing to parse
            }
            if (buf.hasArray()) {
                events.onMessage(this, buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
            } else {
                byte[] copy = ByteBufUtil.getBytes(buf);
                events.onMessage(this, copy, 0, copy.length);
            }
            return;
        }
        if (fragments == null) {
            if (frame.isContinuation()) {
                return;
            }
            fragments = new ByteArrayOutputStream(Math.max(256, buf.readableBytes() * 2));
        }
        if (fragments.size() + buf.readableBytes() > client.maxMessageBytes()) {
            fragments = null;
            client.countMalformed();
            log.warn("RTMS stream {}: skipped a message over {} bytes on media socket {}", log.streamId(), client.maxMessageBytes(), key);
            return;
        }
        try {
            buf.getBytes(buf.readerIndex(), fragments, buf.readableBytes());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
        }
        if (frame.isFinal()) {
            byte[] whole = fragments.toByteArray();
            fragments = null;
            events.onMessage(this, whole, 0, whole.length);
        }
    }

    private void onClose(int e, WebSocket ws) {
        if (e != epoch) {
            return;
        }
        if (paused) {
            // Frames that arrived while back-pressure held the socket are still buffered:
            // hand them over now, before the socket is given up.
            paused = false;
            ws.resume();
        }
        events.onClosed(this, ws.closeStatusCode());
    }

    void dataArrived(long now) {
        lastDataAt = now;
    }

    void send(String text) {
        socket.writeTextMessage(text);
    }

    // ---------------------------------------------------------------- back-pressure

    /**
     * Stops reading if this socket carries bulk media and had data since {@code busySince}. A closed
     * socket is never paused: nothing would resume it, and what it still buffers would be lost.
     */
    void pauseIfBusy(long busySince) {
        if (isOpen() && lastDataAt >= busySince && carriesBulk()) {
            socket.pause();
            paused = true;
        }
    }

    /** Whether a frame from this socket got past back-pressure: it carries bulk media and is not paused. */
    boolean readsPastPause() {
        return !paused && carriesBulk();
    }

    /** Pauses a socket that let a frame slip past back-pressure, if it is still open. */
    void pauseAfterSlip() {
        if (!paused && isOpen()) {
            socket.pause();
            paused = true;
        }
    }

    void resume() {
        if (socket != null && paused) {
            socket.resume();
        }
        paused = false;
    }

    /** Whether this socket carries audio, video or screen share, the kinds worth back-pressure. */
    private boolean carriesBulk() {
        return kinds.contains(MediaKind.AUDIO) || kinds.contains(MediaKind.VIDEO) || kinds.contains(MediaKind.DESKSHARE);
    }

    // ---------------------------------------------------------------- state and closing

    boolean isReady() {
        return state == State.READY;
    }

    boolean isWaiting() {
        return state == State.WAITING;
    }

    boolean hasSocket() {
        return socket != null;
    }

    boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    /** Whether the socket is closed but not yet given up: it may still hand over what it buffered. */
    boolean isClosedButHeld() {
        return socket != null && socket.isClosed();
    }

    /**
     * Closes the socket but keeps its callbacks: what it still delivers is handed over, and its close
     * is reported. For a draining stream.
     */
    void closeButKeepReading() {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }

    /** Closes the socket and ignores its callbacks from now on. A pending retry stays. */
    void abandon() {
        epoch++;
        closeSocket();
    }

    /** Closes the socket, ignores its callbacks and stops a pending retry. */
    void shutDown() {
        epoch++;
        cancelRetry();
        closeSocket();
    }

    private void closeSocket() {
        cancelTimer(handshakeTimer);
        handshakeTimer = -1;
        if (socket != null) {
            WebSocket s = socket;
            socket = null;
            if (!s.isClosed()) {
                s.close();
            }
        }
        paused = false;
        state = State.CLOSED;
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    @Override
    public String toString() {
        return key + kinds;
    }
}
