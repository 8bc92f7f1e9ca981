package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One WebSocket of a stream, signaling or media, with its handshake, readiness and keep-alive
 * bookkeeping. Confined to the stream's Vert.x context: no locking.
 */
final class Connection {

    final ServerWebSocket ws;
    /** Unique within the simulator, for telling the clients of a stream apart. */
    final long id;
    final SocketRole role;
    /** Media URL key ({@code audio}, {@code all}, …); {@code null} for signaling. */
    final String urlKey;
    final boolean binaryFrames;

    boolean handshaken;
    /** Media only: msg 3 accepted and being prepared (or delayed); counts as taken for duplicate checks. */
    boolean pending;
    /** Media only: msg 7 received on signaling for this connection, data may flow. */
    boolean ready;
    /** Set once the socket is gone or being closed; nothing more is sent or handled. */
    boolean closed;
    /** Closed by the simulator itself, so the close is not taken for a client-side drop. */
    boolean closedByServer;
    /**
     * Replaced by a newer client's signaling connection (with its media sockets): no data, no keep-alives,
     * not counted for duplicates; anything it still sends shows that its client is alive too.
     */
    boolean superseded;
    /** Which connection replaced this one, for the violation's detail. */
    String supersededBy;
    /** A superseded connection that spoke up: flagged once. */
    boolean flaggedAlive;

    Set<MediaKind> kinds = Set.of();
    MediaParams params;
    final Map<MediaKind, Track> tracks = new EnumMap<>(MediaKind.class);

    long handshakeNanos;
    long lastSentNanos;
    long lastKeepAliveNanos;
    /** Keep-alive requests on this socket not answered yet, oldest first. */
    final List<KeepAliveRecord> outstanding = new ArrayList<>();
    /**
     * The signaling connection of the client (one process) this socket belongs to: itself for signaling,
     * for media the one established when its handshake was accepted. A word on any of them is a sign of
     * life for all.
     */
    Connection client = this;
    /** The media written on this socket since its client was last heard from. */
    final WrittenSinceHeard sinceHeard = new WrittenSinceHeard();

    Connection(ServerWebSocket ws, SocketRole role, String urlKey, boolean binaryFrames) {
        this(0, ws, role, urlKey, binaryFrames);
    }

    Connection(long id, ServerWebSocket ws, SocketRole role, String urlKey, boolean binaryFrames) {
        this.id = id;
        this.ws = ws;
        this.role = role;
        this.urlKey = urlKey;
        this.binaryFrames = binaryFrames;
    }

    boolean live() {
        return !closed;
    }

    boolean carries(MediaKind kind) {
        return kinds.contains(kind);
    }

    boolean isAll() {
        return "all".equals(urlKey);
    }

    /** Sends a message; it counts as traffic for the keep-alive idle rule unless it is a keep-alive. */
    void send(String json, boolean countsAsTraffic) {
        if (closed) {
            return;
        }
        if (binaryFrames) {
            ws.writeBinaryMessage(Buffer.buffer(json));
        } else {
            ws.writeTextMessage(json);
        }
        if (countsAsTraffic) {
            lastSentNanos = System.nanoTime();
        }
    }

    /** Closes from the server side; the close handler then ignores it. */
    void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        closedByServer = true;
        if (!ws.isClosed()) {
            ws.close(code, reason);
        }
    }

    /** The client's address and port, or {@code ?} when unknown. */
    String remote() {
        return ws.remoteAddress() == null ? "?" : ws.remoteAddress().toString();
    }

    String describe() {
        return role == SocketRole.SIGNALING ? "signaling" : "media(" + urlKey + ")";
    }
}
