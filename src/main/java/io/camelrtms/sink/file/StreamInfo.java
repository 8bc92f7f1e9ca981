package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.sink.SafeNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What is known about a recorded stream from its first exchange: the ids, when recording began and
 * the stream's origin (time zero of the audio files and subtitles). Kept in the {@code .recording}
 * marker so a recovery after a crash, or a resumed stream, knows them too.
 *
 * @param product        product id, e.g. {@code meeting}
 * @param entityKey      the payload field of the entity id, e.g. {@code meeting_uuid}, or {@code null}
 * @param entityId       the entity id exactly as Zoom sent it
 * @param streamId       the {@code rtms_stream_id}
 * @param serverRegion   Zoom region, or {@code null}
 * @param startedAt      when recording began (local clock)
 * @param originMs       Zoom timestamp (epoch ms) that is time zero of the recording, or -1 while unknown
 */
public record StreamInfo(String product, String entityKey, String entityId, String streamId, String serverRegion,
                         Instant startedAt, long originMs) {

    public StreamInfo withOrigin(long origin) {
        return new StreamInfo(product, entityKey, entityId, streamId, serverRegion, startedAt, origin);
    }

    /** The fields shared by the marker and the manifest. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("product", product);
        putIfPresent(n, "entity_key", entityKey);
        n.put("entity_id", entityId);
        n.put("entity_dir", entityId == null ? null : SafeNames.of(entityId));
        n.put("rtms_stream_id", streamId);
        putIfPresent(n, "server_region", serverRegion);
        n.put("started_at", startedAt.toString());
        if (originMs >= 0) {
            n.put("timeline_start", originMs);
            n.put("timeline_start_at", Instant.ofEpochMilli(originMs).toString());
        } else {
            n.putNull("timeline_start");
        }
        return n;
    }

    /** Reads what {@link #toJson} wrote; missing fields fall back to {@code fallback}'s. */
    public static StreamInfo fromJson(JsonNode n, StreamInfo fallback) {
        Instant started = fallback.startedAt();
        try {
            if (n.hasNonNull("started_at")) {
                started = Instant.parse(n.get("started_at").asText());
            }
        } catch (DateTimeParseException ignored) {
            // keep the fallback
        }
        return new StreamInfo(text(n, "product", fallback.product()), text(n, "entity_key", fallback.entityKey()),
                text(n, "entity_id", fallback.entityId()), text(n, "rtms_stream_id", fallback.streamId()),
                text(n, "server_region", fallback.serverRegion()), started,
                n.hasNonNull("timeline_start") ? n.get("timeline_start").asLong(-1) : fallback.originMs());
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
