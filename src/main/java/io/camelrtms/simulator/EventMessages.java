package io.camelrtms.simulator;

import io.camelrtms.protocol.Product;
import java.util.List;

/**
 * Writes one stream's events (msg 6) as its product names them since Zoom's November 2026 release:
 * Zoom Phone by {@code event_code} only, others as {@link SimulatorConfig#eventCodes()} says, Contact
 * Center in its own shape.
 */
final class EventMessages {

    private final Product product;
    private final SimulatorConfig.EventCodes naming;
    private final MeetingScript script;

    EventMessages(Product product, SimulatorConfig config, MeetingScript script) {
        this.product = product;
        this.naming = product == Product.PHONE ? SimulatorConfig.EventCodes.CODE : config.eventCodes();
        this.script = script;
    }

    String event(int eventType, long timestamp, List<MeetingScript.Speaker> who, Integer mediaType) {
        return event(eventType, null, timestamp, who, mediaType);
    }

    /** An event; a scripted {@code scriptCode} is sent as it is. */
    String event(int eventType, String scriptCode, long timestamp, List<MeetingScript.Speaker> who, Integer mediaType) {
        boolean sendType = eventType >= 0 && naming != SimulatorConfig.EventCodes.CODE;
        String code = scriptCode != null ? scriptCode
                : naming != SimulatorConfig.EventCodes.TYPE ? ServerMessages.placeholderEventCode(product, eventType) : null;
        if (product == Product.CONTACT_CENTER) {
            MeetingScript.Speaker s = who.isEmpty() ? null : who.get(0);
            boolean caller = s != null && script.speakers().indexOf(s) == 0;
            return ServerMessages.contactCenterEvent(eventType, sendType, code, timestamp, s, caller);
        }
        return ServerMessages.meetingEvent(eventType, sendType, code, timestamp, who, mediaType);
    }
}
