package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Posts one stream's webhooks to the receivers, one after the other so that started, interrupted and
 * stopped arrive in order, each webhook followed by its retries (same body) when the config asks for
 * them, and records each delivery for tests.
 */
final class WebhookPoster {

    private static final System.Logger LOG = System.getLogger(WebhookPoster.class.getName());

    private final WebhookTargets targets;
    private final int retries;
    private final SimulatedStream stream;
    private final int home;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    WebhookPoster(ZoomSimulator sim, SimulatedStream stream) {
        this.targets = sim.webhookTargets();
        this.retries = sim.config().webhookRetries();
        this.stream = stream;
        this.home = targets.homeOfNewStream();
    }

    /** Posts a copy of {@code envelope} (and its retries) once the earlier ones have been answered; nothing without a receiver. */
    void post(ObjectNode envelope) {
        if (targets.isEmpty()) {
            return;
        }
        ObjectNode copy = envelope.deepCopy();
        int first = targets.firstAttempt(home);
        for (int attempt = 0; attempt <= retries; attempt++) {
            WebhookSender sender = targets.sender(first, attempt);
            int n = attempt;
            chain = chain.thenCompose(v -> sender.sendAsync(copy).handle((status, error) -> {
                Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
                stream.record(new WebhookDelivery(copy, status == null ? -1 : status,
                        cause == null ? null : cause.toString(), Instant.now(), sender.url(), n));
                if (cause != null) {
                    LOG.log(System.Logger.Level.WARNING, "posting " + copy.path("event").asText() + " for stream "
                            + stream.streamId() + " to " + sender.url() + " failed: " + cause);
                }
                return null;
            }));
        }
    }
}
