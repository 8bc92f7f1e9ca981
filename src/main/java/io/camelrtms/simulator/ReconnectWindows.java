package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * How long Zoom waits for a client to come back after a connection is lost before it ends the
 * stream (docs/protocol.md#reconnection): one window for signaling, one per lost set of media kinds,
 * closed when a new handshake covers them. When a window runs out, the stream ends with the reason
 * it was opened with. Confined to the stream's context.
 */
final class ReconnectWindows {

    private static final class MediaWindow {
        final Set<MediaKind> kinds;
        final long timer;

        MediaWindow(Set<MediaKind> kinds, long timer) {
            this.kinds = kinds;
            this.timer = timer;
        }
    }

    private final Vertx vertx;
    private final long signalingWindowMillis;
    private final long mediaWindowMillis;
    /** Ends the stream with the given reason. */
    private final IntConsumer end;
    private long signalingTimer = -1;
    private final List<MediaWindow> media = new ArrayList<>();

    ReconnectWindows(Vertx vertx, long signalingWindowMillis, long mediaWindowMillis, IntConsumer end) {
        this.vertx = vertx;
        this.signalingWindowMillis = signalingWindowMillis;
        this.mediaWindowMillis = mediaWindowMillis;
        this.end = end;
    }

    void openSignaling(int expiryReason) {
        closeSignaling();
        signalingTimer = vertx.setTimer(Math.max(1, signalingWindowMillis), id -> {
            signalingTimer = -1;
            end.accept(expiryReason);
        });
    }

    void closeSignaling() {
        if (signalingTimer >= 0) {
            vertx.cancelTimer(signalingTimer);
            signalingTimer = -1;
        }
    }

    void openMedia(Set<MediaKind> kinds, int expiryReason) {
        if (kinds.isEmpty()) {
            return;
        }
        long[] holder = new long[1];
        holder[0] = vertx.setTimer(Math.max(1, mediaWindowMillis), id -> {
            media.removeIf(w -> w.timer == holder[0]);
            end.accept(expiryReason);
        });
        media.add(new MediaWindow(EnumSet.copyOf(kinds), holder[0]));
    }

    /** A media handshake carries {@code kinds}: their windows close. */
    void coverMedia(Set<MediaKind> kinds) {
        media.removeIf(w -> {
            w.kinds.removeAll(kinds);
            if (w.kinds.isEmpty()) {
                vertx.cancelTimer(w.timer);
                return true;
            }
            return false;
        });
    }

    void closeMedia() {
        media.forEach(w -> vertx.cancelTimer(w.timer));
        media.clear();
    }

    void closeAll() {
        closeSignaling();
        closeMedia();
    }
}
