package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The events a client has subscribed to on its signaling connection (msg 5), kept on the
 * {@link SimulatedStream} for tests to read. Each signaling handshake starts afresh. Confined to
 * the stream's context.
 */
final class EventSubscriptions {

    private final SimulatedStream stream;
    private final Violations violations;

    EventSubscriptions(SimulatedStream stream, Violations violations) {
        this.stream = stream;
        this.violations = violations;
    }

    void clear() {
        stream.subscriptionMap().clear();
    }

    /** A msg 5 on {@code c}: each well-formed entry subscribes or unsubscribes; a malformed one is a violation. */
    void onRequest(Connection c, JsonNode msg) {
        JsonNode events = msg.get("events");
        if (events == null || !events.isArray()) {
            violations.record(Violation.Kind.MALFORMED_MESSAGE, c, "msg 5 without an events array");
            return;
        }
        for (JsonNode e : events) {
            JsonNode type = e.get("event_type");
            JsonNode on = e.get("subscribe");
            if (type == null || !type.isIntegralNumber() || type.asInt() < 0 || on == null || !on.isBoolean()) {
                violations.record(Violation.Kind.MALFORMED_MESSAGE, c, "msg 5 entry needs an integer event_type and a boolean subscribe: " + e);
                continue;
            }
            stream.subscriptionMap().put(type.asInt(), on.asBoolean());
        }
    }

    boolean has(int eventType) {
        return Boolean.TRUE.equals(stream.subscriptionMap().get(eventType));
    }
}
