package io.camelrtms.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses RTMS server messages (text or binary frames holding UTF-8 JSON) into {@link RtmsMessage}s.
 * Thread-safe. Unknown message types become {@link RtmsMessage.Other}; anything that is not a JSON
 * object with an integer {@code msg_type}, or a data message whose payload cannot be decoded, is a
 * {@link MalformedMessageException}.
 */
public final class RtmsMessageParser {

    private final ObjectMapper mapper;

    public RtmsMessageParser() {
        this(new ObjectMapper());
    }

    public RtmsMessageParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RtmsMessage parse(byte[] utf8) throws MalformedMessageException {
        try {
            return parse(mapper.readTree(utf8));
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable frame", e);
        }
    }

    public RtmsMessage parse(String json) throws MalformedMessageException {
        try {
            return parse(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
        }
    }

    public RtmsMessage parse(JsonNode root) throws MalformedMessageException {
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("not a JSON object");
        }
        JsonNode type = root.get("msg_type");
        if (type == null || !type.canConvertToInt() || !type.isIntegralNumber()) {
            throw new MalformedMessageException("no integer msg_type");
        }
        int msgType = type.intValue();
        MediaKind kind = MediaKind.ofDataMessage(msgType);
        if (kind != null) {
            return media(kind, root.get("content"));
        }
        MessageType known = MessageType.of(msgType);
        if (known == null) {
            return new RtmsMessage.Other(msgType, root);
        }
        return switch (known) {
            case SIGNALING_HAND_SHAKE_RESP -> new RtmsMessage.SignalingHandshakeResponse(
                    root.path("status_code").asInt(-1), root.path("reason").asText(""), mediaUrls(root));
            case DATA_HAND_SHAKE_RESP -> new RtmsMessage.MediaHandshakeResponse(
                    root.path("status_code").asInt(-1), root.path("reason").asText(""),
                    root.path("payload_encrypted").asBoolean(false), root.get("media_params"));
            case EVENT_UPDATE -> event(root);
            case STREAM_STATE_UPDATE -> new RtmsMessage.StreamStateUpdate(
                    root.path("state").asInt(-1), root.path("reason").asInt(-1), root.path("timestamp").asLong(0));
            case SESSION_STATE_UPDATE -> new RtmsMessage.SessionStateUpdate(
                    textOrNull(root.get("rtms_session_id")), root.path("state").asInt(-1),
                    root.has("stop_reason") ? root.path("stop_reason").asInt(-1) : root.path("reason").asInt(-1),
                    root.path("timestamp").asLong(0));
            case KEEP_ALIVE_REQ -> new RtmsMessage.KeepAliveRequest(root.get("timestamp"));
            case STREAM_CLOSE_RESP -> new RtmsMessage.StreamCloseResponse(
                    root.path("status_code").asInt(-1), root.path("reason").asText(""));
            default -> new RtmsMessage.Other(msgType, root);
        };
    }

    private static RtmsMessage event(JsonNode root) throws MalformedMessageException {
        JsonNode event = root.get("event");
        if (event == null || !event.isObject()) {
            throw new MalformedMessageException("EVENT_UPDATE without an event object");
        }
        // Contact Center events carry event_ts instead of timestamp.
        long ts = event.has("timestamp") ? event.path("timestamp").asLong(0) : event.path("event_ts").asLong(0);
        return new RtmsMessage.EventUpdate(event.path("event_type").asInt(-1), ts, event);
    }

    private static Map<String, String> mediaUrls(JsonNode root) {
        Map<String, String> urls = new LinkedHashMap<>();
        JsonNode server = root.path("media_server").path("server_urls");
        if (server.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = server.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    urls.put(e.getKey(), e.getValue().asText());
                }
            }
        } else if (server.isTextual()) {
            urls.put(MediaKind.ALL_URL_KEY, server.asText());
        }
        return urls;
    }

    private static MediaData media(MediaKind kind, JsonNode content) throws MalformedMessageException {
        if (content == null || !content.isObject()) {
            throw new MalformedMessageException(kind + " data without a content object");
        }
        JsonNode dataNode = content.get("data");
        byte[] data = null;
        String text = null;
        switch (kind) {
            case AUDIO, VIDEO, DESKSHARE -> data = decodeBase64(kind, dataNode);
            case TRANSCRIPT -> {
                if (dataNode == null || !dataNode.isTextual()) {
                    throw new MalformedMessageException("TRANSCRIPT data is not text");
                }
                text = dataNode.asText();
            }
            case CHAT -> {
                // Plain text, or since June 2026 a JSON document (string or object) describing the message.
                if (dataNode == null || dataNode.isNull()) {
                    throw new MalformedMessageException("CHAT data missing");
                }
                text = dataNode.isTextual() ? dataNode.asText() : dataNode.toString();
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return new MediaData(kind,
                textOrNull(content.get("user_id")),
                textOrNull(content.get("user_name")),
                textOrNull(content.get("channel_id")),
                content.path("timestamp").asLong(0),
                data,
                text,
                content.path("start_time").asLong(-1),
                content.path("end_time").asLong(-1),
                content.hasNonNull("language") && content.get("language").canConvertToInt() ? content.get("language").intValue() : null,
                textOrNull(content.get("attribute")));
    }

    private static byte[] decodeBase64(MediaKind kind, JsonNode node) throws MalformedMessageException {
        if (node == null || !node.isTextual()) {
            throw new MalformedMessageException(kind + " data is not a base64 string");
        }
        String b64 = node.asText();
        // Some samples strip a data: URL prefix from share frames; do the same defensively.
        if (b64.startsWith("data:")) {
            int comma = b64.indexOf(',');
            b64 = comma >= 0 ? b64.substring(comma + 1) : "";
        }
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(kind + " data is not valid base64");
        }
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}
