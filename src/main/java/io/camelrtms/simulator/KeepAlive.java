package io.camelrtms.simulator;

import java.time.Instant;

/**
 * One keep-alive request (msg 12) the simulator sent and what became of it.
 *
 * @param role       the socket role it was sent on
 * @param urlKey     the media URL key, or {@code null} for signaling
 * @param timestamp  the {@code timestamp} it carried
 * @param sentAt     when it was sent
 * @param answeredAt when the matching msg 13 (same timestamp, same socket) arrived, or {@code null}
 */
public record KeepAlive(SocketRole role, String urlKey, long timestamp, Instant sentAt, Instant answeredAt) {

    public boolean answered() {
        return answeredAt != null;
    }
}
