package io.camelrtms.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The keep-alives a client could have answered: all but the last one sent on each socket, which
     * may have gone out just as the stream ended and its socket closed.
     */
    public static List<KeepAlive> answerable(List<KeepAlive> keepAlives) {
        Map<String, List<KeepAlive>> bySocket = new LinkedHashMap<>();
        keepAlives.forEach(k -> bySocket.computeIfAbsent(k.role() + "/" + k.urlKey(), x -> new ArrayList<>()).add(k));
        return bySocket.values().stream().flatMap(l -> l.subList(0, l.size() - 1).stream()).toList();
    }
}
