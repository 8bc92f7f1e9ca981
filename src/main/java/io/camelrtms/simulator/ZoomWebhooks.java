package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Product;

/**
 * Builds Zoom-shaped RTMS webhook envelopes ({@code event}, {@code event_ts}, {@code payload})
 * with each product's own fields directly under {@code payload} (docs/protocol.md#webhooks):
 * {@code meeting.rtms_*} (meeting_uuid, operator_id), {@code webinar.rtms_*} (webinar_uuid,
 * operator_id), {@code session.rtms_*} (session_id, session_key),
 * {@code contact_center.voice_rtms_*} (engagement_id) and {@code phone.rtms_*} (call_id, unconfirmed).
 * Started events carry {@code server_urls}, stopped events {@code stop_reason}, interrupted events
 * neither.
 */
public final class ZoomWebhooks {

    /** The operator id put into meeting and webinar events. */
    public static final String OPERATOR_ID = "simOperator0001";
    /** The session key put into Video SDK session events. */
    public static final String SESSION_KEY = "sim-session-key";

    private ZoomWebhooks() {
    }

    /** {@code <product>.rtms_started}. */
    public static ObjectNode started(Product product, String entityId, String streamId, String serverUrls, long eventTs) {
        ObjectNode env = envelope(product.eventPrefix() + "started", eventTs);
        ObjectNode p = payload(env, product, entityId, streamId);
        p.put("server_urls", serverUrls);
        return env;
    }

    /** {@code <product>.rtms_stopped} with its {@code stop_reason}. */
    public static ObjectNode stopped(Product product, String entityId, String streamId, int stopReason, long eventTs) {
        ObjectNode env = envelope(product.eventPrefix() + "stopped", eventTs);
        payload(env, product, entityId, streamId).put("stop_reason", stopReason);
        return env;
    }

    /** {@code <product>.rtms_interrupted}: no server_urls; clients reconnect to the last known URL. */
    public static ObjectNode interrupted(Product product, String entityId, String streamId, long eventTs) {
        ObjectNode env = envelope(product.eventPrefix() + "interrupted", eventTs);
        payload(env, product, entityId, streamId);
        return env;
    }

    /** {@code endpoint.url_validation} with its challenge. */
    public static ObjectNode urlValidation(String plainToken, long eventTs) {
        ObjectNode env = envelope("endpoint.url_validation", eventTs);
        env.putObject("payload").put("plainToken", plainToken);
        return env;
    }

    private static ObjectNode envelope(String event, long eventTs) {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        env.put("event", event);
        env.put("event_ts", eventTs);
        return env;
    }

    private static ObjectNode payload(ObjectNode env, Product product, String entityId, String streamId) {
        ObjectNode p = env.putObject("payload");
        p.put(product.entityKey(), entityId);
        switch (product) {
            case MEETING, WEBINAR -> p.put("operator_id", OPERATOR_ID);
            case SESSION -> p.put("session_key", SESSION_KEY);
            default -> {
            }
        }
        p.put("rtms_stream_id", streamId);
        return p;
    }
}
