package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.Product;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON of the control messages the simulator sends (docs/protocol.md). Written independently of
 * the client's builders on purpose: a shared builder would make both sides agree on its mistakes.
 */
final class ServerMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ServerMessages() {
    }

    /** msg 2. {@code urls} is empty on failure. */
    static String signalingResponse(JsonNode sequence, int status, String reason, Map<String, String> urls) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 2);
        n.put("protocol_version", 1);
        putSequence(n, sequence);
        n.put("status_code", status);
        n.put("reason", reason);
        if (status == ServerStatus.OK) {
            ObjectNode server = n.putObject("media_server").putObject("server_urls");
            urls.forEach(server::put);
        }
        return n.toString();
    }

    /** msg 4. {@code echo} is the negotiated media_params, {@code null} on failure. */
    static String mediaResponse(JsonNode sequence, int status, String reason, ObjectNode echo) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 4);
        n.put("protocol_version", 1);
        putSequence(n, sequence);
        n.put("status_code", status);
        n.put("reason", reason);
        n.put("payload_encrypted", false);
        if (echo != null) {
            n.set("media_params", echo);
        }
        return n.toString();
    }

    /** msg 8. */
    static String streamState(String streamId, int state, int reason, long timestamp) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 8);
        n.put("rtms_stream_id", streamId);
        n.put("state", state);
        n.put("reason", reason);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /** msg 9; the examples and samples call the reason {@code stop_reason}. */
    static String sessionState(String sessionId, int state, int stopReason, long timestamp) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 9);
        n.put("rtms_session_id", sessionId);
        n.put("state", state);
        n.put("stop_reason", stopReason);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /** msg 11. */
    static String sessionStateResponse(String sessionId, int state, long timestamp) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 11);
        n.put("rtms_session_id", sessionId);
        n.put("state", state);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /** msg 12. */
    static String keepAlive(long timestamp) {
        return "{\"msg_type\":12,\"timestamp\":" + timestamp + "}";
    }

    /** msg 20. */
    static String streamStateResponse(String streamId, int state, long timestamp) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 20);
        n.put("rtms_stream_id", streamId);
        n.put("state", state);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /** msg 22. */
    static String closeResponse(String streamId, int status, String reason, long timestamp) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 22);
        n.put("rtms_stream_id", streamId);
        n.put("status_code", status);
        n.put("reason", reason);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /** msg 29. */
    static String videoSubscriptionResponse(JsonNode userId, boolean subscribe, int status, String reason, long timestamp) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 29);
        n.set("user_id", userId);
        n.put("subscribe", subscribe);
        n.put("status_code", status);
        n.put("reason", reason);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /**
     * msg 6 of meetings, webinars and sessions: participant events carry {@code participants},
     * speaker and sharing events {@code user_id}/{@code user_name}.
     */
    static String meetingEvent(int eventType, long timestamp, List<MeetingScript.Speaker> who, Integer mediaType) {
        return meetingEvent(eventType, true, null, timestamp, who, mediaType);
    }

    /**
     * A meeting event named by {@code event_type} (when {@code sendType}), by {@code event_code}
     * (when not {@code null}) or both; {@code eventType} decides the content either way.
     */
    static String meetingEvent(int eventType, boolean sendType, String eventCode, long timestamp,
                               List<MeetingScript.Speaker> who, Integer mediaType) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 6);
        ObjectNode e = n.putObject("event");
        name(e, eventType, sendType, eventCode);
        e.put("timestamp", timestamp);
        switch (eventType) {
            case EventType.FIRST_PACKET_TIMESTAMP, EventType.SHARING_STOP -> {
            }
            case EventType.ACTIVE_SPEAKER_CHANGE, EventType.SHARING_START -> {
                if (!who.isEmpty()) {
                    e.put("user_id", who.get(0).userId());
                    e.put("user_name", who.get(0).userName());
                }
            }
            case EventType.MEDIA_CONNECTION_INTERRUPTED -> {
                // Which connection dropped is unconfirmed on the wire; the bitmask is our best guess.
                if (mediaType != null) {
                    e.put("media_type", mediaType);
                }
            }
            default -> {
                ArrayNode list = e.putArray("participants");
                for (MeetingScript.Speaker s : who) {
                    list.addObject().put("user_id", s.userId()).put("user_name", s.userName());
                }
            }
        }
        return n.toString();
    }

    /** msg 6 of Contact Center: {@code event_ts} and the misspelled {@code paticipant_info}, as Zoom sends them. */
    static String contactCenterEvent(int eventType, boolean sendType, String eventCode, long timestamp,
                                     MeetingScript.Speaker who, boolean caller) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", 6);
        ObjectNode e = n.putObject("event");
        name(e, eventType, sendType, eventCode);
        e.put("event_ts", timestamp);
        if (who != null) {
            ObjectNode p = e.putObject("paticipant_info");
            p.put("channel_id", who.channelId());
            p.put("participant_mode", caller ? "caller" : "callee");
            p.put("queue_id", "SIMQ1");
            p.put("queue_name", "Simulated queue");
            p.put("phone_number", caller ? "+15550100" : "");
            p.put("user_id", caller ? "" : String.valueOf(who.userId()));
            p.put("display_name", who.userName());
        }
        return n.toString();
    }

    private static void name(ObjectNode event, int eventType, boolean sendType, String eventCode) {
        if (sendType && eventType >= 0) {
            event.put("event_type", eventType);
        }
        if (eventCode != null) {
            event.put("event_code", eventCode);
        }
    }

    /**
     * The simulator's own {@code event_code} for an event type: Zoom's code table was not published,
     * so this is a placeholder (a string, product-prefixed to be globally unique), not Zoom's value.
     */
    static String placeholderEventCode(Product product, int eventType) {
        return "sim." + product.id() + "." + eventType;
    }

    private static void putSequence(ObjectNode n, JsonNode sequence) {
        if (sequence != null && sequence.isNumber()) {
            n.set("sequence", sequence);
        } else {
            n.put("sequence", 0);
        }
    }
}
