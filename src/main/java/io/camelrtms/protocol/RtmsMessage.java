package io.camelrtms.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** A message received from an RTMS server, parsed by {@link RtmsMessageParser}. */
public sealed interface RtmsMessage permits RtmsMessage.SignalingHandshakeResponse,
        RtmsMessage.MediaHandshakeResponse, RtmsMessage.EventUpdate, RtmsMessage.StreamStateUpdate,
        RtmsMessage.SessionStateUpdate, RtmsMessage.KeepAliveRequest, RtmsMessage.StreamCloseResponse,
        RtmsMessage.VideoSubscriptionResponse, RtmsMessage.Other, MediaData {

    /** The {@code msg_type} this message arrived with. */
    int msgType();

    /** msg 2: the answer to the signaling handshake; {@code mediaUrls} keyed by kind ({@code audio}, {@code all}, …). */
    record SignalingHandshakeResponse(int statusCode, String reason, Map<String, String> mediaUrls) implements RtmsMessage {
        @Override
        public int msgType() {
            return MessageType.SIGNALING_HAND_SHAKE_RESP.code();
        }
    }

    /** msg 4: the answer to a media handshake, with the negotiated {@code media_params} echo (may be null). */
    record MediaHandshakeResponse(int statusCode, String reason, boolean payloadEncrypted, JsonNode mediaParams) implements RtmsMessage {
        @Override
        public int msgType() {
            return MessageType.DATA_HAND_SHAKE_RESP.code();
        }
    }

    /**
     * msg 6: an event; {@code event} is the whole {@code event} object for consumers.
     *
     * @param eventType the product-scoped {@code event_type}, or -1 when the event has none
     * @param eventCode the {@code event_code} of the November 2026 release, as text whether it came as a number or
     *                  a string, or {@code null} when the event has none. Zoom's changelog says it is a globally unique
     *                  id replacing {@code event_type} and that Zoom Phone sends only it; the code table and the
     *                  value's JSON type were not published, so it is kept as received.
     */
    record EventUpdate(int eventType, String eventCode, long timestamp, JsonNode event) implements RtmsMessage {
        @Override
        public int msgType() {
            return MessageType.EVENT_UPDATE.code();
        }

        public boolean hasEventType() {
            return eventType >= 0;
        }
    }

    /** msg 8. {@code reason} is a stop reason code, or -1 when absent; {@code raw} the message as received. */
    record StreamStateUpdate(int state, int reason, long timestamp, JsonNode raw) implements RtmsMessage {
        /** The fields this version reads or knows of (Zoom's mock server adds {@code rtms_stream_id}). */
        public static final Set<String> KNOWN_FIELDS = Set.of("msg_type", "state", "reason", "timestamp", "rtms_stream_id");

        @Override
        public int msgType() {
            return MessageType.STREAM_STATE_UPDATE.code();
        }
    }

    /**
     * msg 9. The docs' table says {@code reason}, the example and samples {@code stop_reason}: both are
     * read. {@code raw} is the message as received.
     */
    record SessionStateUpdate(String sessionId, int state, int stopReason, long timestamp, JsonNode raw) implements RtmsMessage {
        /** The fields this version reads. */
        public static final Set<String> KNOWN_FIELDS = Set.of("msg_type", "rtms_session_id", "state", "stop_reason", "reason",
                "timestamp");

        @Override
        public int msgType() {
            return MessageType.SESSION_STATE_UPDATE.code();
        }
    }

    /** msg 12. {@code timestamp} is kept as the very JSON value received, to be echoed unchanged. */
    record KeepAliveRequest(JsonNode timestamp) implements RtmsMessage {
        @Override
        public int msgType() {
            return MessageType.KEEP_ALIVE_REQ.code();
        }
    }

    /** msg 22: the answer to STREAM_CLOSE_REQ. */
    record StreamCloseResponse(int statusCode, String reason) implements RtmsMessage {
        @Override
        public int msgType() {
            return MessageType.STREAM_CLOSE_RESP.code();
        }
    }

    /**
     * msg 29: the answer to an individual video subscription (msg 28). Field names from Zoom's sample
     * library; {@code userId} as text, since the samples send it as a number and events carry user
     * ids both ways.
     */
    record VideoSubscriptionResponse(String userId, boolean subscribe, int statusCode, String reason, JsonNode raw)
            implements RtmsMessage {
        @Override
        public int msgType() {
            return MessageType.VIDEO_SUBSCRIPTION_RESP.code();
        }
    }

    /** Any other message: known types the client does not act on, and types this version does not know. */
    record Other(int msgType, JsonNode raw) implements RtmsMessage {
        /** Whether this version of the protocol package knows the message type at all. */
        public boolean knownType() {
            return MessageType.of(msgType) != null;
        }
    }
}
