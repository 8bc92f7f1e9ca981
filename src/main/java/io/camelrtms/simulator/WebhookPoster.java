package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Posts one stream's webhooks to the receiver, one after the other so that started, interrupted and
 * stopped arrive in order, and records each delivery for tests.
 */
final class WebhookPoster {

    private static final System.Logger LOG = System.getLogger(WebhookPoster.class.getName());

    private final ZoomSimulator sim;
    private final SimulatedStream stream;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    WebhookPoster(ZoomSimulator sim, SimulatedStream stream) {
        this.sim = sim;
        this.stream = stream;
    }

    /** Posts a copy of {@code envelope} once the earlier ones have been answered; nothing without a receiver. */
    void post(ObjectNode envelope) {
        WebhookSender sender = sim.webhookSender();
        if (sender == null) {
            return;
        }
        ObjectNode copy = envelope.deepCopy();
        chain = chain.thenCompose(v -> sender.sendAsync(copy).handle((status, error) -> {
            Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
            stream.record(new WebhookDelivery(copy, status == null ? -1 : status,
                    cause == null ? null : cause.toString(), Instant.now()));
            if (cause != null) {
                LOG.log(System.Logger.Level.WARNING, "posting " + copy.path("event").asText() + " for stream "
                        + stream.streamId() + " failed: " + cause);
            }
            return null;
        }));
    }
}
