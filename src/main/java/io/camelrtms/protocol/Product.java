package io.camelrtms.protocol;

import java.util.List;

/**
 * The Zoom products that stream through RTMS, with the webhook event prefix, the payload field
 * that names the entity, and the keys the handshake carries the entity id under (docs/protocol.md#products).
 */
public enum Product {
    MEETING("meeting", "meeting.rtms_", "meeting_uuid", List.of("meeting_uuid")),
    // Zoom's newest library sends webinar_uuid; the SDK passes the id as meeting_uuid. Send both.
    WEBINAR("webinar", "webinar.rtms_", "webinar_uuid", List.of("webinar_uuid", "meeting_uuid")),
    // Zoom's Video SDK sample sends meeting_uuid too, saying the server still reads it. Send both.
    SESSION("session", "session.rtms_", "session_id", List.of("session_id", "meeting_uuid")),
    CONTACT_CENTER("contact_center", "contact_center.voice_rtms_", "engagement_id", List.of("engagement_id")),
    // Zoom Phone. From Zoom's reference pages (Phone RTMS page, November 2026 changelog): the product, its
    // scopes rtms:read:phone_rtms_started|stopped|interrupted, and that its events carry event_code only.
    // From Zoom's samples only (the entity helper of its sample library): the entity key call_id. The webhook
    // names phone.rtms_* are read off the scope names. Accepted so such traffic is not refused.
    PHONE("phone", "phone.rtms_", "call_id", List.of("call_id"));

    private final String id;
    private final String eventPrefix;
    private final String entityKey;
    private final List<String> handshakeKeys;

    Product(String id, String eventPrefix, String entityKey, List<String> handshakeKeys) {
        this.id = id;
        this.eventPrefix = eventPrefix;
        this.entityKey = entityKey;
        this.handshakeKeys = handshakeKeys;
    }

    /** Lower-case identifier used in file paths and headers, e.g. {@code contact_center}. */
    public String id() {
        return id;
    }

    /** Webhook event name prefix; the event name is this plus {@code started|stopped|interrupted}. */
    public String eventPrefix() {
        return eventPrefix;
    }

    /** The webhook payload field that holds the entity id, e.g. {@code meeting_uuid}. */
    public String entityKey() {
        return entityKey;
    }

    /** The keys the signaling and media handshakes carry the entity id under. */
    public List<String> handshakeKeys() {
        return handshakeKeys;
    }

    /** The product of an RTMS webhook event name, or {@code null} if it is not a stream event. */
    public static Product ofEvent(String event) {
        if (event == null) {
            return null;
        }
        for (Product p : values()) {
            if (event.startsWith(p.eventPrefix)) {
                return p;
            }
        }
        return null;
    }

    /** Parses {@link #id()} or the enum name, case-insensitively. */
    public static Product parse(String value) {
        for (Product p : values()) {
            if (p.id.equalsIgnoreCase(value) || p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown RTMS product '" + value + "'");
    }
}
