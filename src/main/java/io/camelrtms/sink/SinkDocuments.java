package io.camelrtms.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.protocol.StopReason;
import org.apache.camel.Message;

/**
 * The JSON document of a TRANSCRIPT, CHAT, EVENT or LIFECYCLE exchange, as the http sink posts it and
 * the live sink sends it: {@code type}, {@code rtms_stream_id}, the meeting, the sender, and the
 * content of the type (chat, event and lifecycle bodies that are JSON are kept as JSON). Documented
 * field by field in docs/sinks.md.
 */
public final class SinkDocuments {

    private SinkDocuments() {
    }

    /**
     * @param type   the media type, e.g. {@code TRANSCRIPT}
     * @param stream the stream id ({@code account} for account-level events)
     * @param seq    the message's sequence number; omitted when null
     */
    public static ObjectNode of(ObjectMapper mapper, Message m, String type, String stream, Long seq) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", type);
        n.put("rtms_stream_id", stream);
        putIfPresent(n, "product", m.getHeader(RtmsConstants.PRODUCT, String.class));
        putIfPresent(n, "entity_key", m.getHeader(RtmsConstants.ENTITY_KEY, String.class));
        putIfPresent(n, "entity_id", m.getHeader(RtmsConstants.ENTITY_ID, String.class));
        if (seq != null) {
            n.put("sequence", seq);
        }
        Long ts = m.getHeader(RtmsConstants.TIMESTAMP, Long.class);
        if (ts != null) {
            n.put("timestamp", ts);
        }
        putIfPresent(n, "user_id", m.getHeader(RtmsConstants.USER_ID, String.class));
        putIfPresent(n, "user_name", m.getHeader(RtmsConstants.USER_NAME, String.class));
        String body = m.getBody(String.class);
        switch (type) {
            case "TRANSCRIPT" -> {
                n.put("text", body);
                Long start = m.getHeader(RtmsConstants.TRANSCRIPT_START, Long.class);
                Long end = m.getHeader(RtmsConstants.TRANSCRIPT_END, Long.class);
                if (start != null) {
                    n.put("start_time", start);
                }
                if (end != null) {
                    n.put("end_time", end);
                }
                Integer language = m.getHeader(RtmsConstants.TRANSCRIPT_LANGUAGE, Integer.class);
                if (language != null) {
                    n.put("language", language);
                }
                putIfPresent(n, "attribute", m.getHeader(RtmsConstants.TRANSCRIPT_ATTRIBUTE, String.class));
            }
            case "CHAT" -> {
                JsonNode json = JsonBodies.parseOrNull(mapper, body);
                if (json != null) {
                    n.set("message", json);
                } else {
                    n.put("text", body);
                }
            }
            case "LIFECYCLE" -> {
                putIfPresent(n, "lifecycle", m.getHeader(RtmsConstants.LIFECYCLE, String.class));
                Integer reason = m.getHeader(RtmsConstants.STOP_REASON, Integer.class);
                if (reason != null) {
                    n.put("stop_reason", reason);
                    String name = m.getHeader(RtmsConstants.STOP_REASON_NAME, String.class);
                    n.put("stop_reason_name", name != null ? name : StopReason.nameOf(reason));
                }
                JsonNode details = JsonBodies.parseOrNull(mapper, body);
                if (details != null) {
                    n.set("details", details);
                }
            }
            default -> {
                Integer eventType = m.getHeader(RtmsConstants.EVENT_TYPE, Integer.class);
                if (eventType != null) {
                    n.put("event_type", eventType);
                }
                putIfPresent(n, "event_code", m.getHeader(RtmsConstants.EVENT_CODE, String.class));
                putIfPresent(n, "event_name", m.getHeader(RtmsConstants.EVENT_NAME, String.class));
                JsonNode json = JsonBodies.parseOrNull(mapper, body);
                if (json != null) {
                    n.set("event", json);
                } else if (body != null) {
                    n.put("text", body);
                }
            }
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
