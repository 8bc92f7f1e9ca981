package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.Signatures;

/**
 * Checks the identity part shared by the signaling (msg 1) and media (msg 3) handshakes:
 * {@code protocol_version}, {@code rtms_stream_id}, the product's entity key and the signature
 * (docs/protocol.md#handshake-signature, #signaling-handshake, #media-handshake). Pure, thread-safe.
 */
final class HandshakeCheck {

    /** A failed check: what to answer, and what the client did wrong. */
    record Failure(ServerStatus.Refusal refusal, Violation.Kind violation) {
    }

    private HandshakeCheck() {
    }

    /**
     * The entity keys a product's handshake may use, preferred first: webinars and sessions are
     * also accepted under {@code meeting_uuid}, which Zoom's SDK and Video SDK sample send.
     */
    static String[] entityKeys(Product product) {
        return switch (product) {
            case MEETING -> new String[] {"meeting_uuid"};
            case WEBINAR -> new String[] {"webinar_uuid", "meeting_uuid"};
            case SESSION -> new String[] {"session_id", "meeting_uuid"};
            case CONTACT_CENTER -> new String[] {"engagement_id"};
            case PHONE -> new String[] {"call_id"};
        };
    }

    /** {@code null} when the identity is right. */
    static Failure check(JsonNode msg, Product product, String entityId, String streamId, String expectedSignature) {
        JsonNode version = msg.get("protocol_version");
        if (version != null && !(version.isIntegralNumber() && version.asInt() == 1)) {
            return fail(ServerStatus.INVALID_PAYLOAD, "unsupported protocol_version " + version + "; this server speaks 1",
                    Violation.Kind.INVALID_HANDSHAKE);
        }
        JsonNode stream = msg.get("rtms_stream_id");
        if (stream == null || !stream.isTextual() || stream.asText().isEmpty()) {
            return fail(ServerStatus.INVALID_PAYLOAD, "rtms_stream_id is missing or not a string", Violation.Kind.INVALID_HANDSHAKE);
        }
        if (!stream.asText().equals(streamId)) {
            return fail(ServerStatus.INVALID_RTMS_STREAM_ID, "invalid rtms_stream_id: this URL serves another stream",
                    Violation.Kind.INVALID_HANDSHAKE);
        }
        String[] keys = entityKeys(product);
        JsonNode entity = null;
        String key = null;
        for (String k : keys) {
            if (msg.hasNonNull(k)) {
                entity = msg.get(k);
                key = k;
                break;
            }
        }
        if (entity == null) {
            return fail(ServerStatus.INVALID_PAYLOAD, String.join(" or ", keys) + " is missing", Violation.Kind.INVALID_HANDSHAKE);
        }
        if (!entity.isTextual() || !entity.asText().equals(entityId)) {
            return fail(ServerStatus.INVALID_RTMS_STREAM_ID, "invalid " + key + " for this stream", Violation.Kind.INVALID_HANDSHAKE);
        }
        JsonNode signature = msg.get("signature");
        if (signature == null || !signature.isTextual() || signature.asText().isEmpty()) {
            return fail(ServerStatus.INVALID_SIGNATURE, "invalid signature: signature is missing", Violation.Kind.INVALID_SIGNATURE);
        }
        if (!Signatures.matches(expectedSignature, signature.asText())) {
            return fail(ServerStatus.INVALID_SIGNATURE, "invalid signature", Violation.Kind.INVALID_SIGNATURE);
        }
        return null;
    }

    static Failure fail(int code, String reason, Violation.Kind kind) {
        return new Failure(new ServerStatus.Refusal(code, reason), kind);
    }
}
