package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A webhook the simulator posted by itself.
 *
 * @param envelope the Zoom-shaped envelope that was posted
 * @param status   the HTTP status the receiver answered, or -1 when the request failed
 * @param error    why the request failed, or {@code null}
 * @param at       when the answer (or failure) came
 */
public record WebhookDelivery(ObjectNode envelope, int status, String error, Instant at) {

    public String event() {
        return envelope.path("event").asText();
    }
}
