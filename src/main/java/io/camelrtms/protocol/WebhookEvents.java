package io.camelrtms.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed Zoom webhook envelope into a {@link ControlMessage} (docs/protocol.md#webhooks). Fields are read
 * under {@code payload} and, failing that, under {@code payload.object}, because some of Zoom's
 * own documents show the latter although the schema and every running sample use the former.
 */
public final class WebhookEvents {

    public static final String URL_VALIDATION = "endpoint.url_validation";
    public static final String CONCURRENCY_NEAR_LIMIT = "rtms.concurrency_near_limit";
    public static final String CONCURRENCY_LIMITED = "rtms.concurrency_limited";
    public static final String START_FAILED = "rtms.start_failed";

    private static final List<String> KEPT_ATTRIBUTES = List.of(
            "operator_id", "account_id", "meeting_id", "webinar_id", "session_key", "is_original_host",
            "concurrency_limit", "concurrency_number", "percentage", "id_field");

    /** Far longer than any signaling URL; a longer entry is refused rather than parsed. */
    static final int MAX_URL_LENGTH = 2048;

    private WebhookEvents() {
    }

    /** Thrown when a known RTMS event lacks a field it cannot do without. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }
    }

    /**
     * The control message of a webhook, or empty when the event is not one the bundle acts on
     * (which includes {@code endpoint.url_validation}, answered elsewhere).
     *
     * @throws InvalidEventException when an RTMS stream event lacks its stream id, entity id or URL
     */
    public static Optional<ControlMessage> parse(JsonNode envelope) {
        String event = envelope.path("event").asText("");
        long eventTs = envelope.path("event_ts").asLong(0);
        JsonNode payload = envelope.path("payload");
        Map<String, String> attributes = attributes(payload);

        switch (event) {
            case CONCURRENCY_NEAR_LIMIT:
                return Optional.of(accountEvent(ControlMessage.Kind.CONCURRENCY_NEAR_LIMIT, event, payload, eventTs, attributes));
            case CONCURRENCY_LIMITED:
                return Optional.of(accountEvent(ControlMessage.Kind.CONCURRENCY_LIMITED, event, payload, eventTs, attributes));
            case START_FAILED:
                return Optional.of(accountEvent(ControlMessage.Kind.START_FAILED, event, payload, eventTs, attributes));
            default:
                break;
        }

        Product product = Product.ofEvent(event);
        if (product == null) {
            return Optional.empty();
        }
        ControlMessage.Kind kind = switch (event.substring(product.eventPrefix().length())) {
            case "started" -> ControlMessage.Kind.STARTED;
            case "stopped" -> ControlMessage.Kind.STOPPED;
            case "interrupted" -> ControlMessage.Kind.INTERRUPTED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }

        String streamId = field(payload, "rtms_stream_id");
        if (streamId == null || streamId.isEmpty()) {
            throw new InvalidEventException(event + " has no rtms_stream_id");
        }
        String entityKey = product.entityKey();
        String entityId = field(payload, entityKey);
        if (entityId == null) {
            // Some third-party material shows webinars and sessions under meeting_uuid.
            entityId = field(payload, "meeting_uuid");
            if (entityId != null) {
                entityKey = "meeting_uuid";
            }
        }
        if (entityId == null || entityId.isEmpty()) {
            throw new InvalidEventException(event + " has no " + product.entityKey());
        }

        List<String> urls = List.of();
        Integer stopReason = null;
        if (kind == ControlMessage.Kind.STARTED) {
            urls = signalingUrls(event, serverUrls(payload));
        } else if (kind == ControlMessage.Kind.STOPPED) {
            JsonNode reason = node(payload, "stop_reason");
            if (reason != null && reason.canConvertToInt()) {
                stopReason = reason.asInt();
            } else if (reason != null && reason.isTextual() && reason.asText().matches("\\d{1,9}")) {
                stopReason = Integer.parseInt(reason.asText());
            }
        }
        return Optional.of(new ControlMessage(kind, event, product, entityKey, entityId, streamId, urls, stopReason,
                eventTs, attributes));
    }

    private static ControlMessage accountEvent(ControlMessage.Kind kind, String event, JsonNode payload, long eventTs,
                                               Map<String, String> attributes) {
        Product product = null;
        String entityKey = null;
        String entityId = null;
        for (Product p : Product.values()) {
            String id = field(payload, p.entityKey());
            if (id != null) {
                product = p;
                entityKey = p.entityKey();
                entityId = id;
                break;
            }
        }
        return new ControlMessage(kind, event, product, entityKey, entityId, field(payload, "rtms_stream_id"), List.of(),
                null, eventTs, attributes);
    }

    private static List<String> serverUrls(JsonNode payload) {
        JsonNode urls = node(payload, "server_urls");
        List<String> list = new ArrayList<>();
        if (urls == null) {
            return list;
        }
        if (urls.isArray()) {
            urls.forEach(u -> addUrls(list, u.asText()));
        } else {
            addUrls(list, urls.asText());
        }
        return list;
    }

    /**
     * The {@code server_urls}, each checked before the webhook is answered: a start the client could only
     * fail on later must be refused now, while Zoom still hears about it. Entries of other protocols are
     * kept ({@link ControlMessage#signalingUrl()} picks the first WebSocket one).
     *
     * @throws InvalidEventException when an entry is not a URL with a host, or none is {@code ws://} or {@code wss://}
     */
    static List<String> signalingUrls(String event, List<String> urls) {
        if (urls.isEmpty()) {
            throw new InvalidEventException(event + " has no server_urls");
        }
        boolean webSocket = false;
        for (String url : urls) {
            URI uri;
            try {
                uri = url.length() > MAX_URL_LENGTH ? null : new URI(url);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new InvalidEventException(event + " has a server_urls entry that is not a URL with a host");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            // "multiple URLs for different protocols": a WebSocket one is what the client connects to
            webSocket |= scheme.equals("wss") || scheme.equals("ws");
        }
        if (!webSocket) {
            throw new InvalidEventException(event + " has no ws:// or wss:// server_urls");
        }
        return urls;
    }

    private static void addUrls(List<String> list, String text) {
        // The schema says "multiple URLs for different protocols separated by commas".
        for (String url : text.split(",")) {
            String u = url.trim();
            if (!u.isEmpty()) {
                list.add(u);
            }
        }
    }

    private static Map<String, String> attributes(JsonNode payload) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : KEPT_ATTRIBUTES) {
            JsonNode n = node(payload, key);
            if (n != null && !n.isContainerNode()) {
                map.put(key, n.asText());
            }
        }
        return map;
    }

    private static String field(JsonNode payload, String key) {
        JsonNode n = node(payload, key);
        return n == null || n.isContainerNode() ? null : n.asText();
    }

    private static JsonNode node(JsonNode payload, String key) {
        JsonNode n = payload.get(key);
        if (n == null || n.isNull()) {
            JsonNode object = payload.get("object");
            n = object != null ? object.get(key) : null;
        }
        return n == null || n.isNull() ? null : n;
    }
}
