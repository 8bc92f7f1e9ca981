package io.camelrtms.protocol;

import java.util.List;
import java.util.Map;

/**
 * A Zoom RTMS webhook normalised into one typed message, whatever the product: what the webhook
 * intake hands to {@code rtms:} producers to open, reopen or close a stream.
 *
 * @param kind       what happened
 * @param event      the webhook event name as received, e.g. {@code session.rtms_started}
 * @param product    the product; {@code null} for account-level events ({@code rtms.concurrency_*})
 * @param entityKey  the payload field the entity id came from, e.g. {@code meeting_uuid}
 * @param entityId   the entity id exactly as received (used in signatures, never URL-decoded)
 * @param streamId   {@code rtms_stream_id}
 * @param serverUrls the signaling URLs of {@code server_urls} (started events only)
 * @param stopReason the {@code stop_reason} code (stopped events only), else {@code null}
 * @param eventTs    {@code event_ts}, epoch milliseconds
 * @param attributes further payload fields kept as text (operator_id, account_id, session_key,
 *                   concurrency figures, …)
 */
public record ControlMessage(Kind kind, String event, Product product, String entityKey, String entityId,
                             String streamId, List<String> serverUrls, Integer stopReason, long eventTs,
                             Map<String, String> attributes) {

    public enum Kind {
        STARTED, STOPPED, INTERRUPTED, CONCURRENCY_NEAR_LIMIT, CONCURRENCY_LIMITED, START_FAILED;

        /** True for the kinds that concern one stream and so carry a stream id. */
        public boolean isStreamEvent() {
            return this == STARTED || this == STOPPED || this == INTERRUPTED;
        }
    }

    public ControlMessage {
        serverUrls = serverUrls == null ? List.of() : List.copyOf(serverUrls);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The first {@code ws://} or {@code wss://} URL, the one to connect to (docs/protocol.md#webhooks), or {@code null}. */
    public String signalingUrl() {
        for (String url : serverUrls) {
            // schemes are case-insensitive (RFC 3986 §3.1), as WebhookEvents checks them
            if (url.regionMatches(true, 0, "wss://", 0, 6) || url.regionMatches(true, 0, "ws://", 0, 5)) {
                return url;
            }
        }
        return null;
    }

    /** The stop reason's name, e.g. {@code MEETING_ENDED}, or {@code null} when none was given. */
    public String stopReasonName() {
        return stopReason == null ? null : StopReason.nameOf(stopReason);
    }

    /** A short description for log lines: names the stream, never a secret. */
    @Override
    public String toString() {
        return "ControlMessage[" + kind + " " + event + " stream=" + streamId
                + (product != null ? " " + entityKey + "=" + entityId : "")
                + (stopReason != null ? " stopReason=" + stopReason + "(" + stopReasonName() + ")" : "")
                + " eventTs=" + eventTs + "]";
    }
}
