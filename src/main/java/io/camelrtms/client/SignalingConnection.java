package io.camelrtms.client;

import io.camelrtms.protocol.MalformedMessageException;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.RtmsMessages;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * The signaling socket of a stream: connecting, reading and parsing its frames, answering its
 * keep-alives, one timer that belongs to the socket (the handshake or close timeout), and closing.
 * Its {@link StreamSession} decides what to send and when to reconnect; this class reports what the
 * socket did through {@link Events}, for the socket it holds now only: every connect and every close
 * starts a new generation, and the callbacks (and the timer) of an older socket are ignored. That is
 * what keeps one signaling connection per stream. Used only on the session's event loop.
 */
final class SignalingConnection {

    /** What the signaling connection tells its session. Called on the event loop, for the current socket only. */
    interface Events {
        /** Whether the session still wants its signaling socket at all (it has not stopped or failed). */
        boolean stillWanted();

        void onConnectFailed(String url, Throwable cause);

        /** The socket is open and read: time to send the handshake. */
        void onOpen();

        /** A frame arrived, whether or not it parses: the connection is alive. */
        void onInbound();

        /** One parsed message other than a keep-alive request, which this connection answers itself. */
        void onMessage(RtmsMessage msg);

        void onClosed(Short closeCode);
    }

    private final RtmsClient client;
    private final Vertx vertx;
    private final StreamLog log;
    private final Events events;

    private WebSocket socket;
    /** Bumped on every connect and close so callbacks of an older socket are ignored. */
    private int epoch;
    private long timer = -1;

    SignalingConnection(RtmsClient client, Vertx vertx, StreamLog log, Events events) {
        this.client = client;
        this.vertx = vertx;
        this.log = log;
        this.events = events;
    }

    /** Opens a new socket in place of the current one, which is closed and whose callbacks are ignored from now on. */
    void connect(String url, long timeoutMillis) {
        close();
        int e = ++epoch;
        client.connect(url, timeoutMillis).onComplete(ar -> {
            if (e != epoch || !events.stillWanted()) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                events.onConnectFailed(url, ar.cause());
                return;
            }
            WebSocket ws = ar.result();
            socket = ws;
            ws.textMessageHandler(text -> onFrame(e, text, null));
            ws.binaryMessageHandler(buf -> onFrame(e, null, buf.getBytes()));
            ws.closeHandler(x -> {
                if (e == epoch && events.stillWanted()) {
                    events.onClosed(ws.closeStatusCode());
                }
            });
            ws.exceptionHandler(err -> log.debug("RTMS stream {} signaling socket error: {}", log.streamId(), err.toString()));
            events.onOpen();
        });
    }

    private void onFrame(int e, String text, byte[] bytes) {
        if (e != epoch || !events.stillWanted()) {
            return;
        }
        events.onInbound();
        RtmsMessage msg;
        try {
            msg = text != null ? client.parser().parse(text) : client.parser().parse(bytes);
        } catch (MalformedMessageException ex) {
            client.countMalformed();
            log.warn("RTMS stream {}: skipped a malformed signaling frame: {}", log.streamId(), ex.getMessage());
            return;
        }
        if (msg instanceof RtmsMessage.KeepAliveRequest k) {
            socket.writeTextMessage(RtmsMessages.keepAliveResponse(k.timestamp()));
            client.countKeepAlive();
        } else {
            events.onMessage(msg);
        }
    }

    /** Whether a socket is open (or at least not yet given up): messages can be sent. */
    boolean isOpen() {
        return socket != null;
    }

    void send(String text) {
        socket.writeTextMessage(text);
    }

    /** Runs {@code action} after {@code delayMillis} unless this socket is closed or replaced first; replaces an earlier timer. */
    void startTimer(long delayMillis, Runnable action) {
        cancelTimer();
        int e = epoch;
        timer = vertx.setTimer(delayMillis, t -> {
            timer = -1;
            if (e == epoch) {
                action.run();
            }
        });
    }

    void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /**
     * Closes the socket, if any, and cancels its timer; its callbacks still on their way are ignored. The
     * server closes after a refusal too: that close must not be taken for an outage.
     */
    void close() {
        epoch++;
        if (socket != null) {
            WebSocket s = socket;
            socket = null;
            if (!s.isClosed()) {
                s.close();
            }
        }
        cancelTimer();
    }
}
