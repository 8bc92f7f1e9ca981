package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sockets of one simulated stream: the current signaling socket, the media sockets, those
 * whose handshake waits for the client's msg 7, and every socket ever attached (for keep-alive
 * answers on the wrong socket and for the final close). Confined to the stream's context.
 */
final class StreamSockets {

    private Connection signaling;
    private final List<Connection> media = new ArrayList<>();
    private final List<Connection> every = new ArrayList<>();
    private final Deque<Connection> awaitingReady = new ArrayDeque<>();

    void attach(Connection c) {
        every.add(c);
        if (c.role == SocketRole.MEDIA) {
            media.add(c);
        }
    }

    /** A media socket is gone (closed or refused): it no longer counts, nor waits for msg 7. */
    void forget(Connection c) {
        media.remove(c);
        awaitingReady.remove(c);
    }

    /**
     * The client of {@code c} said something on it: it was running, so what every socket of that client
     * was written so far counts as read.
     */
    void heard(Connection c) {
        forEachOfClient(c, x -> x.sinceHeard.heard());
    }

    /** Every socket ever attached of the client (one process) {@code c} belongs to, {@code c} included. */
    void forEachOfClient(Connection c, Consumer<Connection> action) {
        for (Connection x : every) {
            if (x.client == c.client) {
                action.accept(x);
            }
        }
    }

    /** The signaling socket, or {@code null}; it may have closed. */
    Connection signaling() {
        return signaling;
    }

    void signaling(Connection c) {
        signaling = c;
    }

    /** The signaling socket if it is open, else {@code null}. */
    Connection openSignaling() {
        return signaling != null && !signaling.closed ? signaling : null;
    }

    /** Whether signaling is open and past its handshake. */
    boolean signalingEstablished() {
        return signaling != null && !signaling.closed && signaling.handshaken;
    }

    /** The media sockets, attached and not yet gone. */
    List<Connection> media() {
        return media;
    }

    Iterable<Connection> every() {
        return every;
    }

    /** The open media sockets past their handshake, as a copy that may be changed while closing them. */
    List<Connection> handshakenMedia() {
        List<Connection> out = new ArrayList<>();
        for (Connection c : media) {
            if (!c.closed && c.handshaken) {
                out.add(c);
            }
        }
        return out;
    }

    /** The open media socket that carries {@code kind} and has been made ready with msg 7, or {@code null}. */
    Connection readyFor(MediaKind kind) {
        for (Connection c : media) {
            if (c.ready && !c.closed && c.carries(kind)) {
                return c;
            }
        }
        return null;
    }

    /** Whether an open, handshaken media socket carries individual video (video data_opt 4). */
    boolean individualVideoConnected() {
        return media.stream().anyMatch(c -> c.handshaken && !c.closed && c.carries(MediaKind.VIDEO) && IndividualVideos.isIndividual(c));
    }

    /** The media handshake was accepted: the socket waits for the client's msg 7 on signaling. */
    void awaitReady(Connection c) {
        awaitingReady.add(c);
    }

    /** The oldest media socket still open that waits for msg 7, taken off the queue; {@code null} if none. */
    Connection takeAwaitingReady() {
        Connection m = awaitingReady.poll();
        while (m != null && m.closed) {
            m = awaitingReady.poll();
        }
        return m;
    }

    /**
     * Takes the signaling socket and every media socket out of service, open as they are, for a newer
     * client's connection to replace them; returns them (signaling first).
     */
    List<Connection> supersede() {
        List<Connection> old = new ArrayList<>();
        if (signaling != null) {
            old.add(signaling);
        }
        old.addAll(media);
        old.forEach(c -> c.superseded = true);
        signaling = null;
        media.clear();
        awaitingReady.clear();
        return old;
    }

    /** How many signaling sockets are open, the current one and any superseded one not closed yet. */
    int openSignalingCount() {
        int n = 0;
        for (Connection c : every) {
            if (c.role == SocketRole.SIGNALING && c.handshaken && !c.closed) {
                n++;
            }
        }
        return n;
    }

    /** Drops signaling (closing it if {@code closeSignaling}) and closes every media socket. */
    void cut(short code, String reason, boolean closeSignaling) {
        if (signaling != null && closeSignaling) {
            signaling.close(code, reason);
        }
        signaling = null;
        for (Connection m : new ArrayList<>(media)) {
            m.close(code, reason);
        }
        media.clear();
        awaitingReady.clear();
    }

    /** Closes every socket ever attached. */
    void closeAll(short code, String reason) {
        for (Connection c : every) {
            c.close(code, reason);
        }
        media.clear();
        awaitingReady.clear();
    }
}
