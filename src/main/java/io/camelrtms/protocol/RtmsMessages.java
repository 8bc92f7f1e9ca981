package io.camelrtms.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/** Builds the JSON text of every message a client sends (docs/protocol.md). Integers on the wire, never names. */
public final class RtmsMessages {

    public static final int PROTOCOL_VERSION = 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RtmsMessages() {
    }

    /**
     * msg 1. The entity id goes under every key the product's handshake uses (docs/protocol.md#signaling-handshake).
     *
     * @param bufferData whether audio the server buffered before the connection is delivered
     */
    public static String signalingHandshake(Product product, String entityId, String streamId, String signature,
                                            int sequence, boolean bufferData) {
        ObjectNode n = header(MessageType.SIGNALING_HAND_SHAKE_REQ);
        n.put("protocol_version", PROTOCOL_VERSION);
        n.put("sequence", sequence);
        entity(n, product, entityId, streamId);
        n.put("signature", signature);
        n.put("buffer_data", bufferData);
        return n.toString();
    }

    /** msg 3, sent on a media socket. {@code params} may be {@code null} or empty for server defaults. */
    public static String mediaHandshake(Product product, String entityId, String streamId, String signature,
                                        int sequence, int mediaTypeMask, MediaParams params) {
        ObjectNode n = header(MessageType.DATA_HAND_SHAKE_REQ);
        n.put("protocol_version", PROTOCOL_VERSION);
        n.put("sequence", sequence);
        entity(n, product, entityId, streamId);
        n.put("signature", signature);
        n.put("media_type", mediaTypeMask);
        n.put("payload_encryption", false);
        if (params != null && !params.isEmpty()) {
            n.set("media_params", params.toJson());
        }
        return n.toString();
    }

    /** msg 7, sent on the signaling socket after each successful media handshake. */
    public static String clientReady(String streamId) {
        ObjectNode n = header(MessageType.CLIENT_READY_ACK);
        n.put("rtms_stream_id", streamId);
        return n.toString();
    }

    /** msg 5: subscribe ({@code true}) or unsubscribe event types. */
    public static String eventSubscription(Map<Integer, Boolean> events) {
        ObjectNode n = header(MessageType.EVENT_SUBSCRIPTION);
        ArrayNode list = n.putArray("events");
        events.forEach((type, subscribe) -> list.addObject().put("event_type", type).put("subscribe", subscribe));
        return n.toString();
    }

    /** msg 5 subscribing to every given event type. */
    public static String eventSubscription(Collection<Integer> eventTypes) {
        ObjectNode n = header(MessageType.EVENT_SUBSCRIPTION);
        ArrayNode list = n.putArray("events");
        eventTypes.forEach(type -> list.addObject().put("event_type", type).put("subscribe", true));
        return n.toString();
    }

    /** msg 13, echoing the request's timestamp exactly as it came. */
    public static String keepAliveResponse(JsonNode requestTimestamp) {
        ObjectNode n = header(MessageType.KEEP_ALIVE_RESP);
        n.set("timestamp", requestTimestamp == null ? JSON.nullNode() : requestTimestamp);
        return n.toString();
    }

    /** msg 21: asks the server to close the stream deterministically. */
    public static String streamClose(String streamId) {
        ObjectNode n = header(MessageType.STREAM_CLOSE_REQ);
        n.put("rtms_stream_id", streamId);
        return n.toString();
    }

    /**
     * msg 28: subscribes to (or drops) one participant's individual video. The message type is on
     * Zoom's reference pages; its fields ({@code user_id}, {@code subscribe}, {@code timestamp}) come
     * from Zoom's sample library only.
     */
    public static String videoSubscription(long userId, boolean subscribe, long timestamp) {
        ObjectNode n = header(MessageType.VIDEO_SUBSCRIPTION_REQ);
        n.put("user_id", userId);
        n.put("subscribe", subscribe);
        n.put("timestamp", timestamp);
        return n.toString();
    }

    /**
     * msg 28 for a user id as events carried it: sent as a number, as Zoom's samples do, when it is
     * one, else as the string received.
     */
    public static String videoSubscription(String userId, boolean subscribe, long timestamp) {
        try {
            return videoSubscription(Long.parseLong(userId), subscribe, timestamp);
        } catch (NumberFormatException e) {
            ObjectNode n = header(MessageType.VIDEO_SUBSCRIPTION_REQ);
            n.put("user_id", userId);
            n.put("subscribe", subscribe);
            n.put("timestamp", timestamp);
            return n.toString();
        }
    }

    private static ObjectNode header(MessageType type) {
        ObjectNode n = JSON.objectNode();
        n.put("msg_type", type.code());
        return n;
    }

    private static void entity(ObjectNode n, Product product, String entityId, String streamId) {
        for (String key : product.handshakeKeys()) {
            n.put(key, entityId);
        }
        n.put("rtms_stream_id", streamId);
    }
}
