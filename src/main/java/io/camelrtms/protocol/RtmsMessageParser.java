package io.camelrtms.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses RTMS server messages (text or binary frames holding UTF-8 JSON) into {@link RtmsMessage}s.
 * The JSON {@link MessageDecoder}. Thread-safe. Unknown message types become {@link RtmsMessage.Other}; anything that is not a JSON
 * object with an integer {@code msg_type}, or a data message whose payload cannot be decoded, is a
 * {@link MalformedMessageException}.
 *
 * <p>Data messages (msg 14–18, fifty a second per audio stream) given as UTF-8 bytes are read with
 * Jackson's streaming parser, without building a JSON tree or a {@code String} of the whole frame.
 * Only the usual shape takes that path ({@code msg_type} before {@code content}, plain values);
 * anything else, and anything the fast path does not like, is parsed again the general way, so both
 * give the same result or the same error.
 */
public final class RtmsMessageParser implements MessageDecoder {

    private final ObjectMapper mapper;

    public RtmsMessageParser() {
        this(new ObjectMapper());
    }

    public RtmsMessageParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public RtmsMessage parse(byte[] utf8) throws MalformedMessageException {
        return parse(utf8, 0, utf8.length);
    }

    /** Parses the UTF-8 JSON in {@code utf8[offset, offset + length)}; the array is not kept. */
    @Override
    public RtmsMessage parse(byte[] utf8, int offset, int length) throws MalformedMessageException {
        MediaData fast = fastMedia(utf8, offset, length);
        if (fast != null) {
            return fast;
        }
        try {
            return parse(mapper.readTree(utf8, offset, length));
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable frame", e);
        }
    }

    /**
     * The streaming read of a data message in its usual shape; {@code null} means "not that, or not
     * sure": the caller then parses the general way, which also produces every error.
     */
    private MediaData fastMedia(byte[] utf8, int offset, int length) {
        try (JsonParser p = mapper.getFactory().createParser(utf8, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            MediaKind kind = null;
            MediaData result = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("msg_type".equals(name)) {
                    if (kind != null || result != null || v != JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() != JsonParser.NumberType.INT) {
                        return null;
                    }
                    kind = MediaKind.ofDataMessage(p.getIntValue());
                    if (kind == null) {
                        return null;
                    }
                } else if ("content".equals(name)) {
                    if (kind == null || result != null || v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    result = fastContent(p, kind);
                    if (result == null) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return t == JsonToken.END_OBJECT ? result : null;
        } catch (IOException | RuntimeException | MalformedMessageException e) {
            return null;
        }
    }

    private static MediaData fastContent(JsonParser p, MediaKind kind) throws IOException, MalformedMessageException {
        String userId = null;
        String userName = null;
        String channelId = null;
        String attribute = null;
        String text = null;
        byte[] data = null;
        long timestamp = 0;
        long start = -1;
        long end = -1;
        Integer language = null;
        ObjectNode unknown = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "data" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        return null; // a chat document, or a wrong type: the general path knows
                    }
                    if (kind == MediaKind.TRANSCRIPT || kind == MediaKind.CHAT) {
                        text = p.getText();
                    } else {
                        // java.util.Base64 as on the general path (Jackson's own base64 reader measured slower here)
                        data = decodeBase64(kind, p.getText());
                    }
                }
                case "user_id", "user_name", "channel_id", "attribute" -> {
                    String value;
                    switch (v) {
                        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> value = p.getText();
                        case VALUE_NULL -> value = null;
                        case START_OBJECT, START_ARRAY -> {
                            p.skipChildren();
                            value = null;
                        }
                        default -> {
                            return null;
                        }
                    }
                    switch (name) {
                        case "user_id" -> userId = value;
                        case "user_name" -> userName = value;
                        case "channel_id" -> channelId = value;
                        default -> attribute = value;
                    }
                }
                case "timestamp", "start_time", "end_time" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    long value = p.getLongValue();
                    switch (name) {
                        case "timestamp" -> timestamp = value;
                        case "start_time" -> start = value;
                        default -> end = value;
                    }
                }
                case "language" -> {
                    if (v == JsonToken.VALUE_NULL) {
                        language = null;
                    } else if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        language = p.getIntValue();
                    } else {
                        return null;
                    }
                }
                default -> {
                    if (MediaData.KNOWN_CONTENT_FIELDS.contains(name)) {
                        p.skipChildren();
                    } else {
                        if (unknown == null) {
                            unknown = JsonNodeFactory.instance.objectNode();
                        }
                        unknown.set(name, p.readValueAsTree());
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT || (data == null && text == null)) {
            return null;
        }
        return new MediaData(kind, userId, userName, channelId, timestamp, data, text, start, end, language, attribute, unknown);
    }

    @Override
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
                    root.path("state").asInt(-1), root.path("reason").asInt(-1), root.path("timestamp").asLong(0), root);
            case SESSION_STATE_UPDATE -> new RtmsMessage.SessionStateUpdate(
                    textOrNull(root.get("rtms_session_id")), root.path("state").asInt(-1),
                    root.has("stop_reason") ? root.path("stop_reason").asInt(-1) : root.path("reason").asInt(-1),
                    root.path("timestamp").asLong(0), root);
            case KEEP_ALIVE_REQ -> new RtmsMessage.KeepAliveRequest(root.get("timestamp"));
            case STREAM_CLOSE_RESP -> new RtmsMessage.StreamCloseResponse(
                    root.path("status_code").asInt(-1), root.path("reason").asText(""));
            case VIDEO_SUBSCRIPTION_RESP -> new RtmsMessage.VideoSubscriptionResponse(
                    textOrNull(root.get("user_id")), root.path("subscribe").asBoolean(true),
                    root.path("status_code").asInt(-1), root.path("reason").asText(""), root);
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
        int eventType = event.path("event_type").asInt(-1);
        // event_code: the November 2026 changelog (a reference page) names it; its JSON type is not published, so a
        // number and a string are both taken, as text.
        JsonNode code = event.get("event_code");
        String eventCode = code == null || code.isNull() || code.isContainerNode() || code.asText().isEmpty() ? null : code.asText();
        return new RtmsMessage.EventUpdate(eventType, eventCode, ts, event);
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
                textOrNull(content.get("attribute")),
                unknownFields(content));
    }

    /** The fields of a data message's {@code content} this version does not know, or {@code null}. */
    private static ObjectNode unknownFields(JsonNode content) {
        ObjectNode unknown = null;
        Iterator<Map.Entry<String, JsonNode>> it = content.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!MediaData.KNOWN_CONTENT_FIELDS.contains(e.getKey())) {
                if (unknown == null) {
                    unknown = JsonNodeFactory.instance.objectNode();
                }
                unknown.set(e.getKey(), e.getValue());
            }
        }
        return unknown;
    }

    private static byte[] decodeBase64(MediaKind kind, JsonNode node) throws MalformedMessageException {
        if (node == null || !node.isTextual()) {
            throw new MalformedMessageException(kind + " data is not a base64 string");
        }
        return decodeBase64(kind, node.asText());
    }

    private static byte[] decodeBase64(MediaKind kind, String text) throws MalformedMessageException {
        String b64 = text;
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
