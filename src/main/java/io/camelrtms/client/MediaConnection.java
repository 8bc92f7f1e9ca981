package io.camelrtms.client;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.vertx.core.http.WebSocket;
import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * One media socket of a stream: the kinds it carries, where it connects and how far it got.
 * Owned and mutated only by its {@link StreamSession}, on the session's event loop.
 */
final class MediaConnection {

    enum State { CONNECTING, HANDSHAKE, READY, WAITING, CLOSED }

    /** The {@code server_urls} key this connection uses, e.g. {@code audio} or {@code all}. */
    final String key;
    final Set<MediaKind> kinds;
    final int mediaTypeMask;
    final MediaParams requested;
    String url;

    State state = State.CLOSED;
    WebSocket socket;
    /** Bumped on every (re)connect so callbacks of an abandoned socket are ignored. */
    int epoch;
    long handshakeTimer = -1;
    long retryTimer = -1;
    int refusals;
    /** When this connection was lost, for the reconnect window; 0 while it is fine. */
    long lostAt;
    /** When a data message last arrived on this socket. */
    long lastDataAt;
    /** Paused by back-pressure. */
    boolean paused;
    /** The fragments of a message split over several WebSocket frames, until its final frame; else {@code null}. */
    ByteArrayOutputStream fragments;
    final Backoff backoff;

    MediaConnection(String key, String url, Set<MediaKind> kinds, int mediaTypeMask, MediaParams requested, Backoff backoff) {
        this.key = key;
        this.url = url;
        this.kinds = kinds;
        this.mediaTypeMask = mediaTypeMask;
        this.requested = requested;
        this.backoff = backoff;
    }

    /** Whether this socket carries audio, video or screen share, the kinds worth back-pressure. */
    boolean carriesBulk() {
        return kinds.contains(MediaKind.AUDIO) || kinds.contains(MediaKind.VIDEO) || kinds.contains(MediaKind.DESKSHARE);
    }

    boolean isReady() {
        return state == State.READY;
    }

    @Override
    public String toString() {
        return key + kinds;
    }
}
