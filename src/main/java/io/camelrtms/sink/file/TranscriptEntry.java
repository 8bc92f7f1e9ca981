package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of {@code transcript.jsonl}: Zoom's transcript message with its own field names.
 *
 * @param timestamp Zoom's timestamp of the message, epoch ms
 * @param startTime {@code start_time}, epoch ms, or -1 when Zoom sent none
 * @param endTime   {@code end_time}, epoch ms, or -1
 * @param userId    speaker's user id, or {@code null}
 * @param userName  speaker's name, or {@code null}
 * @param language  language id, or {@code null}
 * @param attribute attribute as sent, or {@code null}
 * @param text      the words
 */
public record TranscriptEntry(long timestamp, long startTime, long endTime, String userId, String userName,
                              Integer language, String attribute, String text) {

    /** The line as JSON; absent values are left out. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("timestamp", timestamp);
        if (startTime >= 0) {
            n.put("start_time", startTime);
        }
        if (endTime >= 0) {
            n.put("end_time", endTime);
        }
        if (userId != null) {
            n.put("user_id", userId);
        }
        if (userName != null) {
            n.put("user_name", userName);
        }
        if (language != null) {
            n.put("language", language);
        }
        if (attribute != null) {
            n.put("attribute", attribute);
        }
        n.put("text", text == null ? "" : text);
        return n;
    }

    /** Reads a line written by {@link #toJson}; {@code null} when it is not such a line. */
    public static TranscriptEntry fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("text").isTextual()) {
            return null;
        }
        return new TranscriptEntry(n.path("timestamp").asLong(-1), n.path("start_time").asLong(-1),
                n.path("end_time").asLong(-1), text(n, "user_id"), text(n, "user_name"),
                n.path("language").canConvertToInt() && !n.path("language").isNull() && !n.path("language").isMissingNode()
                        ? n.path("language").asInt() : null,
                text(n, "attribute"), n.path("text").asText());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** When the words began: {@code start_time} when Zoom sent it, else the message timestamp. */
    public long begin() {
        return startTime > 0 ? startTime : timestamp;
    }
}
