package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;

/**
 * A webhook the simulator posted by itself.
 *
 * @param envelope the Zoom-shaped envelope that was posted
 * @param status   the HTTP status the receiver answered, or -1 when the request failed
 * @param error    why the request failed, or {@code null}
 * @param at       when the answer (or failure) came
 * @param target   the receiver it was posted to
 * @param attempt  0 for the first delivery, 1.. for the retries of the same envelope
 */
public record WebhookDelivery(ObjectNode envelope, int status, String error, Instant at, URI target, int attempt) {

    public String event() {
        return envelope.path("event").asText();
    }

    /** Whether this was a retry of an envelope posted before. */
    public boolean retry() {
        return attempt > 0;
    }
}
